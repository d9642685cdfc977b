package io.shadowscale.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretsTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"alice\" password=\"s3cr3t-pw\";";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "sasl.jaas.config, true",
        "SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG, true",
        "ssl.key.password, true",
        "ssl.keystore.password, true",
        "ssl.truststore.password, true",
        "ssl.keystore.key, true",
        "SHADOWSCALE_KAFKA_SSL_KEYSTORE_KEY, true",
        "sasl.oauthbearer.client.credentials.client.secret, true",
        "SHADOWSCALE_KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL, true",
        "basic.auth.user.info, true",
        "SHADOWSCALE_TLS_KEY, true",
        "my-db-passwd, true",
        "security.protocol, false",
        "sasl.mechanism, false",
        "key.serializer, false",
        "ssl.keystore.location, false",
        "SHADOWSCALE_BOOTSTRAP_SERVERS, false",
        "SHADOWSCALE_TLS_CERT, false",
        "client.id, false",
    })
    void tellsWhichKeysAreSensitive(String key, boolean sensitive) {
        assertThat(Secrets.isSensitive(key)).isEqualTo(sensitive);
    }

    @Test
    void aPemPrivateKeyOrAJaasLoginIsSecretWhateverItsKey() {
        assertThat(Secrets.shown("SHADOWSCALE_TLS_CERT", "-----BEGIN PRIVATE KEY-----\nMIIEv..."))
                .isEqualTo("******");
        assertThat(Secrets.shown("anything", "-----BEGIN EC PRIVATE KEY-----")).isEqualTo("******");
        assertThat(Secrets.shown("client.id", JAAS)).isEqualTo("******");
        assertThat(Secrets.shown("client.id", "scaler-1")).isEqualTo("scaler-1");
        assertThat(Secrets.shown("SHADOWSCALE_TLS_CERT", "-----BEGIN CERTIFICATE-----"))
                .isEqualTo("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void redactsWholeValuesAndThePasswordInsideAJaasLine() {
        Secrets secrets = Secrets.of(Map.of(
                "sasl.jaas.config",
                JAAS,
                "ssl.key.password",
                "key-pw-123",
                "security.protocol",
                "SASL_SSL",
                "ssl.truststore.password",
                "ab"));

        assertThat(secrets.redact("could not log in with " + JAAS)).isEqualTo("could not log in with ******");
        assertThat(secrets.redact("JAAS option password=s3cr3t-pw rejected"))
                .isEqualTo("JAAS option password=****** rejected");
        assertThat(secrets.redact("bad key password key-pw-123 for SASL_SSL"))
                .isEqualTo("bad key password ****** for SASL_SSL");
        assertThat(secrets.redact("no secret here: ab"))
                .as("too short to redact without garbling")
                .isEqualTo("no secret here: ab");
    }

    @Test
    void describesACauseChainRedacted() {
        Secrets secrets = Secrets.of(Map.of("SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG", JAAS));
        Exception error = new IllegalStateException(
                "cannot start", new IllegalArgumentException("Value not valid in JAAS config: " + JAAS));

        assertThat(secrets.describe(error))
                .isEqualTo("java.lang.IllegalStateException: cannot start; caused by: "
                        + "java.lang.IllegalArgumentException: Value not valid in JAAS config: ******");
    }
}
