package org.minibuildd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/** The typed settings bind from the property names the README documents, with mini-buildd's defaults. */
class MiniBuilddSettingsTest {

    private static MiniBuilddSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("minibuildd", MiniBuilddSettings.class);
    }

    @Test
    void defaults() {
        var settings = bind(Map.of());
        assertThat(settings.home()).isEqualTo(Path.of("/var/lib/mini-buildd"));
        assertThat(settings.httpPort()).isEqualTo(8066);
        assertThat(settings.ftpPort()).isEqualTo(8067);
        assertThat(settings.db().external()).isFalse();
        assertThat(settings.db().clusterUser()).isEqualTo("mini-buildd");
        assertThat(settings.mail().enabled()).isFalse();
        assertThat(settings.mail().port()).isEqualTo(25);
        assertThat(settings.incoming().maxFileSize()).isEqualTo(DataSize.ofGigabytes(2));
        assertThat(settings.incoming().maxFileSize().toBytes()).isEqualTo(2L << 30);
        assertThat(settings.incoming().maxUploadSize()).isEqualTo(DataSize.ofGigabytes(4));
        assertThat(settings.incoming().missingTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.incoming().strayTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.incoming().partialTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.incoming().scanInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.incoming().listen()).isTrue();
    }

    @Test
    void everyDocumentedPropertyBinds() {
        var settings = bind(Map.of(
                "minibuildd.home", "/srv/mb",
                "minibuildd.identity", "myorg",
                "minibuildd.hostname", "build.example.org",
                "minibuildd.http-port", "18066",
                "minibuildd.ftp-port", "18067",
                "minibuildd.db.url", "jdbc:postgresql://db/minibuildd",
                "minibuildd.db.user", "mb",
                "minibuildd.admin-password-file", "/etc/mini-buildd/admin",
                "minibuildd.mail.host", "smtp.example.org",
                "minibuildd.mail.allow-to", ".*@example\\.org"));
        assertThat(settings.home()).isEqualTo(Path.of("/srv/mb"));
        assertThat(settings.identity()).isEqualTo("myorg");
        assertThat(settings.hostname()).isEqualTo("build.example.org");
        assertThat(settings.httpPort()).isEqualTo(18066);
        assertThat(settings.ftpPort()).isEqualTo(18067);
        assertThat(settings.db().external()).isTrue();
        assertThat(settings.db().user()).isEqualTo("mb");
        assertThat(settings.adminPasswordFile()).isEqualTo("/etc/mini-buildd/admin");
        assertThat(settings.mail().enabled()).isTrue();
        assertThat(settings.mail().host()).isEqualTo("smtp.example.org");
        assertThat(settings.mail().allowTo()).isEqualTo(".*@example\\.org");
    }

    @Test
    void incomingPropertiesBind() {
        var settings = bind(Map.of(
                "minibuildd.incoming.max-file-size", "500MB",
                "minibuildd.incoming.max-upload-size", "1GB",
                "minibuildd.incoming.missing-timeout", "10m",
                "minibuildd.incoming.stray-timeout", "1h",
                "minibuildd.incoming.partial-timeout", "30m",
                "minibuildd.incoming.scan-interval", "5s",
                "minibuildd.incoming.listen", "false"));
        assertThat(settings.incoming().maxFileSize()).isEqualTo(DataSize.ofMegabytes(500));
        assertThat(settings.incoming().maxUploadSize()).isEqualTo(DataSize.ofGigabytes(1));
        assertThat(settings.incoming().missingTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.incoming().strayTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.incoming().partialTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.incoming().scanInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.incoming().listen()).isFalse();
    }
}
