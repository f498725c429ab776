import java.nio.file.*;
import org.minibuildd.openpgp.InstanceKeyStore;
/** Times BouncyCastle signing of one Release (Release.gpg + InRelease) with an instance key made by our code. */
public class SignBench {
    public static void main(String[] a) throws Exception {
        var store = new InstanceKeyStore(Path.of(a[0]), "bench", "example.org");
        var key = store.get();
        var release = Files.readAllBytes(Path.of(a[1]));
        int n = Integer.parseInt(a[2]);
        for (int i = 0; i < 20; i++) { key.detachSign(release); key.clearsign(new String(release)); }
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) { key.detachSign(release); key.clearsign(new String(release)); }
        System.out.printf("BC: %.1f ms per distribution (Release.gpg + InRelease), fingerprint %s%n", (System.nanoTime() - t) / 1e6 / n, key.fingerprint());
    }
}
