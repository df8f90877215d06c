package cachetocluster.load;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS side of an https:// target: one {@link SSLContext} per run (so sessions resume), one {@link SSLEngine}
 * per connection. By default the JDK's trust store and hostname check apply, as in a browser; {@code --insecure}
 * (loadtest's and curl's flag) trusts any certificate for any name, for self-signed test servers.
 */
final class TlsClient {

    private final SSLContext context;
    private final String host;
    private final int port;
    private final boolean insecure;

    TlsClient(String host, int port, boolean insecure) throws GeneralSecurityException {
        this.host = host;
        this.port = port;
        this.insecure = insecure;
        if (insecure) {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, null);
        } else {
            context = SSLContext.getDefault();
        }
    }

    SSLEngine newEngine() {
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        if (!insecure) {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        return engine;
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) { }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) { }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
