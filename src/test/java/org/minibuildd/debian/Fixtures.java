package org.minibuildd.debian;

/** Small hand-written control files in the real formats (see shared/reference/wire for real ones). */
final class Fixtures {

    private Fixtures() {
    }

    static final String MD5_DSC = "0123456789abcdef0123456789abcdef";
    static final String MD5_TAR = "fedcba9876543210fedcba9876543210";
    static final String SHA1_DSC = "0123456789abcdef0123456789abcdef01234567";
    static final String SHA1_TAR = "fedcba9876543210fedcba9876543210fedcba98";
    static final String SHA256_DSC = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    static final String SHA256_TAR = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

    static final String CHANGES = """
            Format: 1.8
            Date: Mon, 25 Nov 2024 08:57:13 +0000
            Source: mbref-hello
            Architecture: source
            Version: 1.0-1~test12+1
            Distribution: bookworm-test-unstable
            Urgency: medium
            Maintainer: Jane Doe <jane@example.org>
            Changed-By: Jane Doe <jane@example.org>
            Changes:
             mbref-hello (1.0-1~test12+1) bookworm-test-unstable; urgency=medium
             .
               * Initial release.
               * MINI_BUILDD_OPTION: lintian-mode=ignore
               * MINI_BUILDD_OPTION: lintian-mode[i386]=disabled
               * MINI_BUILDD_OPTION: auto-ports=bullseye-test-unstable,bookworm-test-snapshot
             .
             mbref-hello (0.9-1~test12+1) bookworm-test-unstable; urgency=medium
             .
               * MINI_BUILDD_OPTION: internal-apt-priority=1
            Checksums-Sha1:
             %s 812 mbref-hello_1.0-1~test12+1.dsc
             %s 2048 mbref-hello_1.0.orig.tar.gz
            Checksums-Sha256:
             %s 812 mbref-hello_1.0-1~test12+1.dsc
             %s 2048 mbref-hello_1.0.orig.tar.gz
            Files:
             %s 812 devel optional mbref-hello_1.0-1~test12+1.dsc
             %s 2048 devel optional mbref-hello_1.0.orig.tar.gz
            """.formatted(SHA1_DSC, SHA1_TAR, SHA256_DSC, SHA256_TAR, MD5_DSC, MD5_TAR);

    static final String SIGNATURE = """
            -----BEGIN PGP SIGNATURE-----

            iQIzBAEBCgAdFiEESGscFfIfjRgOcZBgHW+hXcqbZB4FAmsGoukACgkQHW+hXcqb
            =PQnw
            -----END PGP SIGNATURE-----
            """;

    static String signed(String content) {
        var sb = new StringBuilder("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n");
        for (String line : content.split("\n", -1)) {
            sb.append(line.startsWith("-") ? "- " + line : line).append('\n');
        }
        return sb.append(SIGNATURE).toString();
    }

    static final String DSC = """
            Format: 3.0 (quilt)
            Source: mbref-hello
            Binary: mbref-hello, mbref-hello-doc
            Architecture: any all
            Version: 1.0-1~test12+1
            Maintainer: Jane Doe <jane@example.org>
            Standards-Version: 4.6.2
            Build-Depends: debhelper-compat (= 13)
            Package-List:
             mbref-hello deb devel optional arch=any
            Checksums-Sha1:
             %s 2048 mbref-hello_1.0.orig.tar.gz
            Checksums-Sha256:
             %s 2048 mbref-hello_1.0.orig.tar.gz
            Files:
             %s 2048 mbref-hello_1.0.orig.tar.gz
            """.formatted(SHA1_TAR, SHA256_TAR, MD5_TAR);

    static final String CHANGELOG = """
            mbref-hello (1.0-1~test12+1) bookworm-test-unstable; urgency=medium

              * Initial release.
              * MINI_BUILDD_OPTION: piuparts-mode[amd64]=WARNFAIL
              * MINI_BUILDD_OPTION: deb-build-options=nocheck parallel=2

             -- Jane Doe <jane@example.org>  Mon, 25 Nov 2024 08:57:13 +0000

            mbref-hello (0.9-1) unstable; urgency=low

              * MINI_BUILDD_OPTION: bogus=1

             -- Jane Doe <jane@example.org>  Sun, 24 Nov 2024 08:57:13 +0000
            """;

    static final String RELEASE = """
            Origin: Debian
            Label: Debian
            Suite: stable
            Version: 12.8
            Codename: bookworm
            Date: Sat, 09 Nov 2024 10:46:07 UTC
            Architectures: all amd64 arm64
            Components: main contrib non-free-firmware non-free
            Description: Debian 12.8 Released 09 November 2024
            SHA256:
             %s 1484322 contrib/Contents-all
             %s 98581 main/binary-amd64/Packages.xz
            """.formatted(SHA256_DSC, SHA256_TAR);
}
