# Sourced by ./workbook, ./jbang and the other root shims: find a JDK 25 or newer and export it
# as JAVA_HOME, so nothing the user runs depends on which `java` happens to be first on PATH.
# We read each candidate's `release` file instead of starting a JVM: it costs microseconds.

C2C_JAVA_MIN=25

# Prints the feature version (e.g. 25) of the JDK at $1, or nothing if $1 is not a JDK.
c2c_jdk_feature() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local line=""
  [ -r "$1/release" ] || return 1
  while IFS= read -r line; do
    case "$line" in JAVA_VERSION=*) break ;; esac
    line=""
  done < "$1/release"
  line=${line#JAVA_VERSION=\"}
  line=${line%%[.\"]*}
  case "$line" in ''|*[!0-9]*) return 1 ;; esac
  printf '%s\n' "$line"
}

c2c_find_jdk() {
  local candidate feature
  local from_path=""
  if command -v java >/dev/null 2>&1; then
    from_path=$(readlink -f "$(command -v java)" 2>/dev/null || command -v java)
    from_path=${from_path%/bin/java}
  fi
  # Order: what the user chose (JAVA_HOME, PATH), then the usual install folders of Linux,
  # SDKMAN!, JBang and macOS. The first JDK 25+ wins. C2C_JDK_DIRS replaces the usual folders
  # (tests use it to act out a machine without JDK 25).
  local usual="/usr/lib/jvm/* $HOME/.sdkman/candidates/java/* $HOME/.jbang/cache/jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home"
  for candidate in "${JAVA_HOME:-}" "$from_path" ${C2C_JDK_DIRS-$usual}; do
    [ -n "$candidate" ] && [ -d "$candidate" ] || continue
    feature=$(c2c_jdk_feature "$candidate") || continue
    if [ "$feature" -ge "$C2C_JAVA_MIN" ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}

# Exports JAVA_HOME (and puts its bin first on PATH) or prints one line saying what to install.
c2c_use_jdk() {
  local jdk
  if ! jdk=$(c2c_find_jdk); then
    echo "${0##*/}: needs JDK ${C2C_JAVA_MIN}+, none found (looked at JAVA_HOME, PATH, /usr/lib/jvm, ~/.sdkman, ~/.jbang); install one, e.g. 'sudo apt-get install temurin-25-jdk' (Adoptium's apt repository) or 'sdk install java 25-tem', then run this again." >&2
    return 1
  fi
  export JAVA_HOME="$jdk"
  export PATH="$JAVA_HOME/bin:$PATH"
}
