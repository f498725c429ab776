/**
 * The event log: every step of an upload (REJECTED, PACKAGING, BUILDING, BUILT, INSTALLED, FAILED, …) as
 * mini-buildd records it, kept in PostgreSQL and announced with NOTIFY.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Events", allowedDependencies = {"db"})
package org.minibuildd.events;
