package org.minibuildd.debian;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every parser, fed random text, truncations and mutations of valid inputs: it either succeeds or throws
 * {@link DebianFormatException} — never another exception, never a hang.
 */
class FuzzProperties {

    private static final List<String> VALID = List.of(Fixtures.CHANGES, Fixtures.signed(Fixtures.CHANGES), Fixtures.DSC,
            Fixtures.signed(Fixtures.DSC), Fixtures.CHANGELOG, Fixtures.RELEASE, Fixtures.signed(Fixtures.RELEASE),
            "1:2.30-1~test12+1", "bookworm-test-unstable-rollback3", "* MINI_BUILDD_OPTION: lintian-mode[i386]=ignore");

    private static final String TOKENS = ":-~+.=,*[]()<>#/ \t\n\r\n";

    @Provide
    Arbitrary<String> inputs() {
        Arbitrary<String> random = Arbitraries.strings().withChars(TOKENS).withCharRange('a', 'z')
                .withCharRange('0', '9').withChars("AZé\u0000\u000b\u2028").ofMaxLength(200);
        Arbitrary<String> pieces = Arbitraries.of("-----BEGIN PGP SIGNED MESSAGE-----\n", "Hash: SHA256\n\n",
                        "-----BEGIN PGP SIGNATURE-----\n", "-----END PGP SIGNATURE-----\n", "- ", "Files:\n",
                        " 0123456789abcdef0123456789abcdef 12 a b c.dsc\n", "Source: x\n", "Version: 1.0\n",
                        "Checksums-Sha256:\n", "MINI_BUILDD_OPTION: ", " -- A <a@b>  date\n",
                        "pkg (1.0) unstable; urgency=low\n", "\n", " ", "SHA256:\n", "Suite: s\n", "-rollback", "[",
                        "=", "2147483648:")
                .list().ofMaxSize(12).map(l -> String.join("", l));
        Arbitrary<String> valid = Arbitraries.of(VALID);
        Arbitrary<String> truncated = valid.flatMap(v -> Arbitraries.integers().between(0, v.length())
                .map(n -> v.substring(0, n)));
        Arbitrary<String> mutated = Combinators.combine(valid, Arbitraries.integers().between(0, 10_000),
                        Arbitraries.integers().between(0, 2), Arbitraries.chars().with(TOKENS + "a0"))
                .as((v, pos, op, c) -> {
                    int i = pos % (v.length() + 1);
                    return switch (op) {
                        case 0 -> v.substring(0, i) + c + v.substring(i);
                        case 1 -> i < v.length() ? v.substring(0, i) + v.substring(i + 1) : v;
                        default -> i < v.length() ? v.substring(0, i) + c + v.substring(i + 1) : v + c;
                    };
                });
        return Arbitraries.oneOf(random, pieces, truncated, mutated, Combinators.combine(pieces, mutated)
                .as(String::concat));
    }

    /** Raw bytes as they arrive from FTP: invalid UTF-8, NULs, control characters. */
    @Property(tries = 400)
    void randomBytes(@ForAll @net.jqwik.api.constraints.Size(max = 600) byte[] bytes) {
        var text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        onlyTypedFaults(text, x -> Deb822.iterate(new java.io.ByteArrayInputStream(bytes), "t").forEachRemaining(p -> p.raw()));
        onlyTypedFaults(text, Changes::parse);
        onlyTypedFaults(text, Dsc::parse);
        onlyTypedFaults(text, Release::parse);
        onlyTypedFaults(text, x -> ClearSigned.parse(x, "t"));
        onlyTypedFaults(text, x -> ChangelogEntry.parseFirst(x).uploadOptions());
        onlyTypedFaults(text, Version::parse);
        onlyTypedFaults(text, DistributionString::parse);
    }

    @Property(tries = 400)
    void version(@ForAll("inputs") String s) {
        onlyTypedFaults(s, x -> {
            Version.parse(x);
            Version.parse(x.strip());
        });
    }

    @Property(tries = 400)
    void deb822(@ForAll("inputs") String s) {
        onlyTypedFaults(s, x -> {
            Deb822.parse(x, "t").forEach(p -> Deb822.parse(p.serialize(), "t"));
            AptIndex.packages(new StringReader(x)).forEach(e -> AptIndex.sourceFiles(e.paragraph()));
        });
    }

    @Property(tries = 400)
    void clearSigned(@ForAll("inputs") String s) {
        onlyTypedFaults(s, x -> ClearSigned.parse(x, "t"));
    }

    @Property(tries = 600)
    void changes(@ForAll("inputs") String s) {
        onlyTypedFaults(s, x -> UploadOptions.of(Changes.parse(x)));
        onlyTypedFaults(s, Changes::parseInternal);
    }

    @Property(tries = 400)
    void dsc(@ForAll("inputs") String s) {
        onlyTypedFaults(s, Dsc::parse);
    }

    @Property(tries = 400)
    void changelog(@ForAll("inputs") String s) {
        onlyTypedFaults(s, x -> ChangelogEntry.parseFirst(x).uploadOptions());
    }

    @Property(tries = 400)
    void uploadOptions(@ForAll("inputs") String s) {
        onlyTypedFaults(s, x -> UploadOptions.parse(List.of(x.split("\n"))));
        onlyTypedFaults(s, UploadOptions::fromChangesField);
        onlyTypedFaults(s, x -> UploadOptions.parse(List.of("* MINI_BUILDD_OPTION: " + x)));
    }

    @Property(tries = 400)
    void distributionAndNames(@ForAll("inputs") String s) {
        onlyTypedFaults(s, DistributionString::parse);
        onlyTypedFaults(s, CheckMode::parse);
        onlyTypedFaults(s, FileName::check);
        onlyTypedFaults(s, PackageName::check);
        onlyTypedFaults(s, x -> Codeversion.guess("Debian", x, x));
    }

    @Property(tries = 400)
    void release(@ForAll("inputs") String s) {
        onlyTypedFaults(s, x -> Codeversion.of(Release.parse(x)));
    }

    private static void onlyTypedFaults(String input, Consumer<String> parser) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                parser.accept(input);
            } catch (DebianFormatException expected) {
                // the one allowed failure
            }
        }, () -> "parser hung on: " + input);
    }
}
