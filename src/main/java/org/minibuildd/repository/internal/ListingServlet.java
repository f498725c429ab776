package org.minibuildd.repository.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;

import org.apache.catalina.WebResource;
import org.apache.catalina.servlets.DefaultServlet;
import org.springframework.web.util.HtmlUtils;

/**
 * Tomcat's {@code DefaultServlet} with our directory listing: the servlet's own XML listing turned into HTML by
 * {@code static-listing.xsl} (given the directory's path, which the XML lacks), which leaves out what {@link StaticTreeRules} refuses (hidden entries, and below a
 * repository all but {@code dists/} and {@code pool/}) and links our style sheet.
 */
class ListingServlet extends DefaultServlet {

    private final String xslt;

    ListingServlet(boolean aptOnly) {
        try (InputStream in = ListingServlet.class.getResourceAsStream("static-listing.xsl")) {
            if (in == null) {
                throw new IllegalStateException("static-listing.xsl is missing from the class path");
            }
            xslt = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@APT_ONLY@", Boolean.toString(aptOnly));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Source findXsltSource(WebResource directory) {
        var path = directory.getWebappPath();
        return new StreamSource(new StringReader(xslt.replace("@PATH@", HtmlUtils.htmlEscape(path.endsWith("/") ? path : path + "/"))));
    }
}
