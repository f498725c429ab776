package org.minibuildd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.minibuildd.support.ChrootSeed;
import org.minibuildd.support.DaemonProcess;
import org.minibuildd.support.HelloPackage;
import org.minibuildd.support.TestHome;
import org.minibuildd.support.TinyPackages;

/**
 * bench/daemon's memory figure: the packaged daemon as its own process with the launcher's JVM flags, its RSS idle
 * after start and setup, and idle again after 10 real builds (ten C sources uploaded with dput, built with sbuild
 * on the build slots, installed). Run by {@code bench/daemon/run}, never by the suite (not an IT).
 */
class DaemonRssBench {

    private static final int BUILDS = 10;

    @Test
    void rssIdleAndAfterTenBuilds() throws Exception {
        ChrootSeed.ensure();
        var daemon = new DaemonProcess(TestHome.create("rss-bench"), "rssbench");
        try {
            daemon.start("--minibuildd.incoming.scan-interval=1s", "--minibuildd.chroots.seed-dir=" + ChrootSeed.DEFAULT_ROOT);
            var setup = daemon.asAdmin("/mini_buildd/api/setup/?update=all&pca=all&output=json&confirm=setup"
                    + "&archives=" + URLEncoder.encode("http://deb.debian.org/debian/,http://deb.debian.org/debian-security", StandardCharsets.UTF_8)
                    + "&sources=bookworm&distributions=bookworm:amd64&repositories=test:Default:bookworm&chroots=bookworm:amd64");
            assertThat(setup.statusCode()).as(setup.body()).isEqualTo(200);
            Thread.sleep(10_000);
            System.out.printf("RESULT daemon RSS idle after start and setup: %d MiB%n", rssMiB(daemon));

            var work = Files.createDirectories(daemon.home().resolve("work"));
            var dputConf = work.resolve("dput.cf");
            Files.writeString(dputConf, daemon.get("/mini_buildd/api/dput_conf/?output=plain").body());
            var names = new ArrayList<String>();
            long start = System.nanoTime();
            for (int i = 0; i < BUILDS; i++) {
                var name = "rssbench" + i;
                names.add(name);
                var dir = Files.createDirectories(work.resolve(name));
                HelloPackage.source(dir, name, "1.0-1~test12+1", "bookworm-test-unstable", HelloPackage.Flavour.GOOD);
                TinyPackages.run(dir.resolve(name + "-1.0"), List.of("dpkg-genchanges", "-S", "-sa", "-O../" + name + ".changes"));
                var dput = new ProcessBuilder("dput", "-u", "-c", dputConf.toString(), "mini-buildd-rssbench", name + ".changes")
                        .directory(dir.toFile()).redirectErrorStream(true).start();
                dput.getInputStream().readAllBytes();
                assertThat(dput.waitFor()).isZero();
            }
            var deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (true) {
                var installed = daemon.sql("SELECT count(*) FROM upload WHERE source LIKE 'rssbench%' AND state = 'INSTALLED'");
                var failed = daemon.sql("SELECT source || ': ' || state FROM upload WHERE source LIKE 'rssbench%' AND state IN ('FAILED', 'REJECTED')");
                assertThat(failed).as("see " + daemon.log()).isEmpty();
                if (Integer.parseInt(installed.getFirst()) == BUILDS) {
                    break;
                }
                assertThat(System.nanoTime()).as("10 builds within 30 minutes").isLessThan(deadline);
                Thread.sleep(1000);
            }
            System.out.printf("RESULT %d uploads built and installed in %.0f s%n", BUILDS, (System.nanoTime() - start) / 1e9);
            Thread.sleep(15_000);
            System.out.printf("RESULT daemon RSS idle after %d builds: %d MiB (target <= 256 MiB)%n", BUILDS, rssMiB(daemon));
        } finally {
            daemon.stop();
        }
    }

    private static long rssMiB(DaemonProcess daemon) throws Exception {
        for (var line : Files.readAllLines(Path.of("/proc/" + daemon.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for " + daemon.pid());
    }
}
