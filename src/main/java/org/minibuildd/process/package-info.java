/**
 * The one runner for external commands (reprepro, sbuild, schroot, pg_ctl, …): argv lists only, never a shell
 * string; environment, working directory, timeout, cancellation, output streamed to a log file while the command
 * runs, and a typed failure carrying the exit code and the tail of stderr.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Process runner", allowedDependencies = {})
package org.minibuildd.process;
