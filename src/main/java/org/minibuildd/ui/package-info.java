/** The Vaadin web application; views call services, never jOOQ or the process runner. */
@org.springframework.modulith.ApplicationModule(displayName = "Web UI", allowedDependencies = {"daemon", "config", "events"})
package org.minibuildd.ui;
