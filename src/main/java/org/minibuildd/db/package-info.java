/**
 * jOOQ classes generated at build time from the Flyway SQL in {@code db/migration}. Open to every module, but by
 * rule used only in a module's {@code internal} persistence code.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Schema (generated)", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.minibuildd.db;
