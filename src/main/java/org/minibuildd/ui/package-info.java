/** The Vaadin web application; views call services, never jOOQ or the process runner. */
@org.springframework.modulith.ApplicationModule(displayName = "Web UI", allowedDependencies = {"daemon"})
package org.minibuildd.ui;
