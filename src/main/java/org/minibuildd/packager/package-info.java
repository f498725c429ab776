/**
 * The packager: takes user uploads from incoming, checks them as mini-buildd does (distribution, repository,
 * suite, signature, version rules, files), records every outcome as an event, and drives accepted uploads on
 * through building and installing. Its state lives in the {@code upload} table, so a restart resumes it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Packager",
        allowedDependencies = {"debian", "exchange", "config", "repository", "events", "openpgp", "incoming", "daemon", "db", "process", "builder", "remote"})
package org.minibuildd.packager;
