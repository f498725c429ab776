package org.minibuildd.packager.internal;

import java.util.List;

/**
 * The archive keyring package {@code <identity>-archive-keyring}: the instance's public key as
 * {@code /usr/share/keyrings/<identity>-archive-keyring.gpg}, and for every distribution of every repository
 * (rollbacks included) example apt sources that trust exactly that file: one-line lists with
 * {@code [signed-by=…]} as mini-buildd ships them, and, new here, deb822 {@code .sources} files with
 * {@code Signed-By:}. A user installs the package once and copies the example they want to
 * {@code /etc/apt/sources.list.d/}; a new key then arrives as a package upgrade.
 */
public final class KeyringTemplate {

    /**
     * One distribution the package describes.
     *
     * @param uri        the repository's URL, e.g. {@code http://build.example.org:8066/repositories/test}
     * @param suite      the layout's suite, with {@code -rollback<N>} for a rollback, e.g. {@code unstable}
     * @param diststr    the full distribution string, e.g. {@code bookworm-test-unstable}
     * @param components the distribution's components
     */
    public record AptEntry(String repository, String codename, String suite, String diststr, String uri,
                           List<String> components) {

        /** {@code <codename>/<repository>_<suite>}: where its examples go below the package's directories. */
        String fileBase() {
            return codename + "/" + repository + "_" + suite;
        }
    }

    private KeyringTemplate() {
    }

    public static String packageName(String identity) {
        return identity + "-archive-keyring";
    }

    /** Where the package installs the key. */
    public static String keyringPath(String identity) {
        return "/usr/share/keyrings/" + packageName(identity) + ".gpg";
    }

    /** Where the package installs its apt source examples. */
    public static String examplesPath(String identity) {
        return "/usr/share/" + packageName(identity);
    }

    /** @param key the public key as binary packets, as apt's {@code Signed-By:} wants a {@code .gpg} file */
    public static SourceTemplate of(String identity, String maintainer, byte[] key, List<AptEntry> entries) {
        var name = packageName(identity);
        var keyring = keyringPath(identity);
        var template = SourceTemplate.of(name)
                .bytes(name + ".gpg", key)
                .text("debian/control", """
                        Source: %1$s
                        Section: misc
                        Priority: optional
                        Maintainer: %2$s
                        Build-Depends: debhelper-compat (= 13)
                        Standards-Version: 4.6.2
                        Rules-Requires-Root: no

                        Package: %1$s
                        Architecture: all
                        Depends: ${misc:Depends}
                        Description: archive key of the mini-buildd instance %3$s
                         The OpenPGP key that signs the repositories of the mini-buildd instance '%3$s', as
                         %4$s, and example apt sources using it (Signed-By) below
                         %5$s/.
                        """.formatted(name, maintainer, identity, keyring, examplesPath(identity)))
                .executable("debian/rules", "#!/usr/bin/make -f\n%:\n\tdh $@\n")
                .text("debian/source/format", "3.0 (native)\n")
                .text("debian/install", name + ".gpg usr/share/keyrings\nsources.list.d " + examplesPath(identity).substring(1)
                        + "\nsources " + examplesPath(identity).substring(1) + "\n")
                .text("debian/copyright", """
                        Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
                        Upstream-Name: %s

                        Files: *
                        Copyright: the administrators of the mini-buildd instance %s
                        License: public-domain
                         Made by the mini-buildd instance from its archive key and configuration.
                        """.formatted(name, identity));
        for (var entry : entries) {
            var components = String.join(" ", entry.components());
            template.text("sources.list.d/" + entry.fileBase() + ".list",
                    "deb [signed-by=" + keyring + "] " + entry.uri() + " " + entry.diststr() + " " + components + "\n");
            template.text("sources.list.d/" + entry.fileBase() + "_src.list",
                    "deb-src [signed-by=" + keyring + "] " + entry.uri() + " " + entry.diststr() + " " + components + "\n");
            template.text("sources/" + entry.fileBase() + ".sources", """
                    Types: deb deb-src
                    URIs: %s
                    Suites: %s
                    Components: %s
                    Signed-By: %s
                    """.formatted(entry.uri(), entry.diststr(), components, keyring));
        }
        if (entries.isEmpty()) {
            // dh_install fails on a missing directory: an instance without repositories still gets its key out.
            template.text("sources.list.d/README", "This instance has no repositories yet.\n")
                    .text("sources/README", "This instance has no repositories yet.\n");
        }
        return template.build();
    }
}
