package cachetocluster.cluster;

/**
 * Where a worker listens, as Node's {@code 'listening'} event reports it: {@code {address, port, addressType}}, with
 * {@code addressType} 4 or 6.
 */
public record Address(String address, int port, int addressType) {

    static Address of(String address, int port) {
        return new Address(address, port, address.contains(":") ? 6 : 4);
    }

    /** {@code http://127.0.0.1:3000/} (IPv6 addresses in brackets). */
    public String url() {
        return "http://" + (addressType == 6 ? "[" + address + "]" : address) + ":" + port + "/";
    }
}
