/**
 * Repositories on disk: reprepro repositories under {@code home/repositories/<identity>/}, configured from the
 * Repository objects, signed with the instance key (InRelease, Release.gpg), served over HTTP under
 * {@code /repositories/<identity>/}, and the install primitives the packager uses (include, list, remove, copy,
 * rollback shifting as mini-buildd does it).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Repositories", allowedDependencies = {"debian", "openpgp", "process", "daemon", "config"})
package org.minibuildd.repository;
