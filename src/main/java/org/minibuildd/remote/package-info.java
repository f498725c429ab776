/**
 * Remotes: other mini-buildd instances this one builds with. Adding them by endpoint, the handshake both ways,
 * their status and load as builders, the keyring of those in use, and waking one that does not answer. Config
 * drives a Remote's status lifecycle through the hooks and the setup contribution this module hands it; config
 * itself knows nothing of this module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Remotes", allowedDependencies = {"config", "openpgp", "process", "daemon", "db"})
package org.minibuildd.remote;
