/**
 * Debian's vocabulary, pure: versions in dpkg order, deb822 paragraphs, clearsigned wrappers, {@code .changes},
 * {@code .dsc}, changelog entries, upload options, distribution strings, layout version rules and apt index
 * reading. No I/O beyond streams and no Spring, so every rule here is tested in isolation and used everywhere.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Debian core", allowedDependencies = {})
package org.minibuildd.debian;
