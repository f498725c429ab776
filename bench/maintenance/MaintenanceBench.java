import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import org.minibuildd.MiniBuilddApplication;
import org.minibuildd.config.SetupReport;
import org.minibuildd.config.SetupRequest;
import org.minibuildd.config.SetupService;
import org.minibuildd.daemon.AdminPassword;
import org.minibuildd.repository.RepositoryPackages;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The daemon, in this JVM, with a throwaway home: sets up the "test" repository (bookworm, from a local archive),
 * fills bookworm-test-unstable with N tiny sources by reprepro directly (no export per package: the fill is set-up,
 * not what is measured; the last package goes in through the repository service, which exports and signs), then
 * times over HTTP: ls and show of one source (median and p95 of R calls each) and migrate of one source
 * unstable→testing (with the installability check), and prints the figures against the targets.
 *
 * Arguments: home port archive-url packages-dir count rounds
 */
public class MaintenanceBench {

    public static void main(String[] args) throws Exception {
        var home = args[0];
        var port = args[1];
        var archive = args[2];
        var packagesDir = Path.of(args[3]);
        int count = Integer.parseInt(args[4]);
        int rounds = Integer.parseInt(args[5]);
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
        var basedir = packages.repositoryDirectory("test").toString();
        long start = System.nanoTime();
        for (int i = 0; i < count - 1; i++) {
            var name = String.format("bench%04d", i);
            reprepro(basedir, "includedsc", packagesDir.resolve(name + "_1.0.dsc").toString());
            reprepro(basedir, "include", packagesDir.resolve(name + "_1.0_all.changes").toString());
        }
        var last = String.format("bench%04d", count - 1);
        packages.includeSource("test", "bookworm-test-unstable", packagesDir.resolve(last + "_1.0.dsc"));
        packages.includeChanges("test", "bookworm-test-unstable", packagesDir.resolve(last + "_1.0_all.changes"));
        System.out.printf("fill: %d sources (+ binaries) into bookworm-test-unstable in %.1f s (set-up, not a target)%n",
                count, (System.nanoTime() - start) / 1e9);

        var http = HttpClient.newHttpClient();
        var base = "http://localhost:" + port + "/mini_buildd/api/";
        var source = String.format("bench%04d", count / 2);
        var auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + context.getBean(AdminPassword.class).password())
                .getBytes(StandardCharsets.UTF_8));
        // The first listing after a change reads the exported Sources indices again (then they are cached).
        long cold = System.nanoTime();
        get(http, base + "ls/?source=" + source + "&output=json", null);
        System.out.printf("ls       first call after the fill (indices read): %6.1f ms%n", (System.nanoTime() - cold) / 1e6);
        for (var call : List.of("ls", "show")) {
            var url = base + call + "/?source=" + source + "&output=json";
            for (int i = 0; i < 5; i++) {
                get(http, url, null);   // warm-up
            }
            var millis = new ArrayList<Double>();
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                var body = get(http, url, null);
                millis.add((System.nanoTime() - t0) / 1e6);
                if (!body.contains("bookworm-test-unstable")) {
                    throw new IllegalStateException(call + " answered " + body);
                }
            }
            Collections.sort(millis);
            System.out.printf("%-8s %d sources, %d calls: median %6.1f ms  p95 %6.1f ms  (target < 50 ms)%n", call, count, rounds,
                    millis.get(rounds / 2), millis.get((int) Math.ceil(rounds * 0.95) - 1));
        }
        var lists = Files.isDirectory(Path.of(home, "chroots/bookworm/amd64/source/var/lib/apt/lists"))
                ? " against Debian's bookworm Packages" : ", no Debian lists";
        // The first migrate also indexes Debian's Packages list for the check (once per list update); the second
        // is what every further one costs.
        for (var label : List.of("first", "second")) {
            var migrated = String.format("bench%04d", count / 2 + (label.equals("first") ? 0 : 1));
            long t0 = System.nanoTime();
            var answer = get(http, base + "migrate/?source=" + migrated + "&distribution=bookworm-test-unstable&confirm=migrate&output=json", auth);
            double migrate = (System.nanoTime() - t0) / 1e6;
            if (!answer.equals("{}")) {
                throw new IllegalStateException("migrate answered " + answer);
            }
            System.out.printf("migrate  %s unstable->testing, %s (installability checked%s): %6.1f ms  (target < 2000 ms)%n",
                    migrated, label, lists, migrate);
        }
        context.close();
        System.exit(0);
    }

    private static void reprepro(String basedir, String command, String file) throws Exception {
        var argv = List.of("reprepro", "--export=never", "--basedir", basedir, command, "bookworm-test-unstable", file);
        var process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + ": " + output);
        }
    }

    private static String get(HttpClient http, String url, String auth) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
