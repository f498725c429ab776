package org.minibuildd.api;

/**
 * A page the html output of a call links to (the package page for {@code ls}/{@code show}), as mini-buildd's
 * html answers do.
 *
 * @param href an absolute path on this instance
 * @param text the link's words
 */
public record ApiLink(String href, String text) {
}
