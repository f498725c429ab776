package org.minibuildd.repository.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RequestHeadTest {

    private static RequestHead head(String text) {
        var bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return RequestHead.parse(bytes, bytes.length);
    }

    @Test
    void aPlainFetchIsAnsweredByTheFrontDoorWithItsPathDecoded() {
        var head = head("GET /repositories/test/pool/main/h/hello/hello_1.0%7e1_all.deb HTTP/1.1\r\nHost: x\r\nRange: bytes=0-1");
        assertThat(head.repositoryPath()).isEqualTo("/test/pool/main/h/hello/hello_1.0~1_all.deb");
        assertThat(head.field("range")).isEqualTo("bytes=0-1");
        assertThat(head.keepAlive()).isTrue();
        assertThat(head("HEAD /repositories/ HTTP/1.0").repositoryPath()).isEqualTo("/");
    }

    @Test
    void keepAliveFollowsTheVersionAndTheConnectionField() {
        assertThat(head("GET /repositories/ HTTP/1.1\r\nConnection: close").keepAlive()).isFalse();
        assertThat(head("GET /repositories/ HTTP/1.0").keepAlive()).isFalse();
        assertThat(head("GET /repositories/ HTTP/1.0\r\nConnection: Keep-Alive").keepAlive()).isTrue();
    }

    @Test
    void anythingUnusualIsLeftToTomcat() {
        for (var text : new String[] {
                "POST /repositories/test/x HTTP/1.1",
                "GET /mini_buildd/api/status/ HTTP/1.1",
                "GET /repositories/test/dists/../../secret HTTP/1.1",
                "GET /repositories/test/%2e%2e/secret HTTP/1.1",
                "GET /repositories/test/dists/..%2fsecret HTTP/1.1",
                "GET /repositories/test/dists/a%5cb HTTP/1.1",
                "GET /repositories/test/dists/a%00 HTTP/1.1",
                "GET /repositories/test/dists/a%zz HTTP/1.1",
                "GET /repositories/test/dists/a%c3 HTTP/1.1",
                "GET /repositories/test/dists/x?y=1 HTTP/1.1",
                "GET /repositories/test/dists/x HTTP/1.1\r\nContent-Length: 3",
                "GET /repositories/test/dists/x HTTP/1.1\r\nUpgrade: websocket",
                "GET http://host/repositories/test/ HTTP/1.1",
        }) {
            var head = head(text);
            assertThat(head == null ? null : head.repositoryPath()).as(text).isNull();
        }
    }

    @Test
    void malformedHeadsAreNotParsed() {
        assertThat(head("GET /repositories/ HTTP/2.0")).isNull();
        assertThat(head("GET  /repositories/ HTTP/1.1")).isNull();
        assertThat(head("GET /repositories/ HTTP/1.1\r\nNo colon here")).isNull();
        assertThat(head("GET /repositories/ HTTP/1.1\r\nBad name: x")).isNull();
        assertThat(head("GET /repositories/ HTTP/1.1\r\n folded")).isNull();
    }
}
