/**
 * OpenPGP for the archive: the instance key (generated once, kept in {@code home/keys}), InRelease-style cleartext
 * signatures and Release.gpg-style detached signatures made with it, verification of signed texts and files
 * against keyrings (the instance's own, Debian's archive keyring, uploaders' keys) and public key parsing and
 * export. BouncyCastle does the cryptography; no gpg process and no Spring in here, so tests build it directly.
 */
@org.springframework.modulith.ApplicationModule(displayName = "OpenPGP", allowedDependencies = {"debian"})
package org.minibuildd.openpgp;
