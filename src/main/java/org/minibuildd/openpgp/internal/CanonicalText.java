package org.minibuildd.openpgp.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a text signature covers (RFC 4880 sections 5.2.1 and 7.1).
 *
 * <p>For cleartext signatures the signer and every verifier must agree byte for byte, or gpgv says "BAD
 * signature" on a perfectly good InRelease: trailing blanks of each line are not hashed, lines are joined with
 * CRLF, and the line break before {@code -----BEGIN PGP SIGNATURE-----} belongs to the armor, not to the text.
 */
public final class CanonicalText {

    private CanonicalText() {
    }

    /**
     * Canonical form of a cleartext-signed content given with {@code "\n"} (or {@code "\r\n"}) line ends. A final
     * line end is dropped: the framing supplies it, so {@code "a\n"} and {@code "a"} sign alike.
     */
    public static byte[] cleartext(String content) {
        String body = content;
        if (body.endsWith("\n")) {
            body = body.substring(0, body.length() - 1);
        }
        var out = new ByteArrayOutputStream(body.length() + 64);
        int start = 0;
        boolean first = true;
        while (true) {
            int nl = body.indexOf('\n', start);
            String line = nl < 0 ? body.substring(start) : body.substring(start, nl);
            if (!first) {
                out.writeBytes(new byte[] {'\r', '\n'});
            }
            first = false;
            out.writeBytes(stripTrailingBlanks(line).getBytes(StandardCharsets.UTF_8));
            if (nl < 0) {
                return out.toByteArray();
            }
            start = nl + 1;
        }
    }

    /**
     * Canonical form for a detached text-mode signature ({@code gpg --textmode}): every line end becomes CRLF;
     * unlike the cleartext framework, blanks are kept and so is a final line end.
     */
    public static byte[] textDocument(byte[] data) {
        var out = new ByteArrayOutputStream(data.length + data.length / 32 + 16);
        for (int i = 0; i < data.length; i++) {
            byte b = data[i];
            if (b == '\n' && (i == 0 || data[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    /** Spaces, tabs and a CR left over from a CRLF line end are not part of the signed line. */
    static String stripTrailingBlanks(String line) {
        int end = line.length();
        while (end > 0) {
            char c = line.charAt(end - 1);
            if (c != ' ' && c != '\t' && c != '\r') {
                break;
            }
            end--;
        }
        return line.substring(0, end);
    }
}
