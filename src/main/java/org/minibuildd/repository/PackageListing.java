package org.minibuildd.repository;

/**
 * One line of reprepro's {@code lsbycomponent}: a version of a source package in a distribution.
 *
 * @param distribution the full distribution string, rollbacks included ({@code bookworm-test-unstable-rollback0})
 * @param architecture {@code source} for source packages, else the binary architecture
 */
public record PackageListing(String source, String version, String distribution, String component, String architecture) {

    /** Parses {@code <source> | <version> | <distribution> | <component> | <architecture>}. */
    static PackageListing parse(String line) {
        var parts = line.split("\\|");
        if (parts.length != 5) {
            throw new RepositoryException("reprepro printed a listing line it should not: \"" + line + "\"");
        }
        return new PackageListing(parts[0].strip(), parts[1].strip(), parts[2].strip(), parts[3].strip(), parts[4].strip());
    }

    public boolean isRollback() {
        return distribution.matches(".*-rollback\\d+");
    }
}
