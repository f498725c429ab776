import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.minibuildd.MiniBuilddApplication;
import org.minibuildd.config.SetupReport;
import org.minibuildd.config.SetupRequest;
import org.minibuildd.config.SetupService;
import org.minibuildd.repository.RepositoryPackages;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The daemon, in this JVM, with a throwaway home: sets up the "test" repository (bookworm, from a local archive),
 * times including N tiny source+binary packages into bookworm-test-unstable through the repository service, then
 * keeps serving on its port until the file "stop" appears in the work directory.
 *
 * Arguments: home port archive-url packages-dir count work-dir
 */
public class RepositoryBench {

    public static void main(String[] args) throws Exception {
        var home = args[0];
        var port = args[1];
        var archive = args[2];
        var packagesDir = Path.of(args[3]);
        int count = Integer.parseInt(args[4]);
        var work = Path.of(args[5]);
        var context = new SpringApplicationBuilder(MiniBuilddApplication.class).run("--minibuildd.home=" + home,
                "--minibuildd.http-port=" + port, "--minibuildd.identity=bench", "--minibuildd.hostname=localhost",
                "--logging.level.root=warn");
        var report = context.getBean(SetupService.class).setup(SetupRequest.all().archives(List.of(archive))
                .distributions(List.of("bookworm:amd64")).repositories(List.of("test:Default:bookworm")).build());
        report.instances().stream().filter(i -> i.type().equals("Repository")).forEach(i -> {
            if (i.status() != SetupReport.InstanceStatus.ACTIVE) {
                throw new IllegalStateException("repository not active: " + i);
            }
        });
        var packages = context.getBean(RepositoryPackages.class);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            var name = String.format("bench%04d", i);
            packages.includeSource("test", "bookworm-test-unstable", packagesDir.resolve(name + "_1.0.dsc"));
            packages.includeChanges("test", "bookworm-test-unstable", packagesDir.resolve(name + "_1.0_all.changes"));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("include: %d source+binary packages into bookworm-test-unstable in %.1f s (%.1f packages/s, %.0f ms each)%n",
                count, seconds, count / seconds, seconds * 1000 / count);
        Files.writeString(work.resolve("ready"), "");
        while (!Files.exists(work.resolve("stop"))) {
            Thread.sleep(200);
        }
        context.close();
        System.exit(0);
    }
}
