package dev.spool.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.InvalidRequestException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NO_PROXY matching: a table of list, host, port and whether the request goes direct. */
class NoProxyTest {
    @ParameterizedTest(name = "[{index}] NO_PROXY={0} host={1}:{2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        // '*' bypasses everything
        "*                         | example.com      | 80   | true",
        // a domain matches itself and its subdomains, with or without a leading dot or '*.'
        "example.com               | example.com      | 80   | true",
        "example.com               | a.example.com    | 443  | true",
        "example.com               | a.b.example.com  | 80   | true",
        ".example.com              | example.com      | 80   | true",
        ".example.com              | a.example.com    | 80   | true",
        "*.example.com             | a.example.com    | 80   | true",
        // ... on a label boundary only
        "example.com               | badexample.com   | 80   | false",
        "ample.com                 | example.com      | 80   | false",
        "example.com               | example.com.evil | 80   | false",
        // case-insensitive, trailing dots ignored
        "EXAMPLE.com               | example.com      | 80   | true",
        "example.com.              | example.com      | 80   | true",
        "example.com               | example.com.     | 80   | true",
        // several entries, separated by commas and/or spaces
        "foo.test, example.com     | example.com      | 80   | true",
        "foo.test example.com      | example.com      | 80   | true",
        "foo.test,,bar.test        | example.com      | 80   | false",
        "''                        | example.com      | 80   | false",
        // host:port matches that port only
        "example.com:8080          | example.com      | 8080 | true",
        "example.com:8080          | example.com      | 80   | false",
        "example.com:8080          | a.example.com    | 8080 | true",
        // IP addresses and CIDR blocks, for IP-literal hosts only
        "127.0.0.1                 | 127.0.0.1        | 80   | true",
        "127.0.0.1                 | 127.0.0.2        | 80   | false",
        "127.0.0.1:9000            | 127.0.0.1        | 9000 | true",
        "127.0.0.1:9000            | 127.0.0.1        | 9001 | false",
        "10.0.0.0/8                | 10.1.2.3         | 80   | true",
        "10.0.0.0/8                | 11.1.2.3         | 80   | false",
        "192.168.1.0/24            | 192.168.1.255    | 80   | true",
        "192.168.1.0/24            | 192.168.2.1      | 80   | false",
        "172.16.0.0/12             | 172.31.255.1     | 80   | true",
        "172.16.0.0/12             | 172.32.0.1       | 80   | false",
        "0.0.0.0/0                 | 8.8.8.8          | 80   | true",
        "10.0.0.0/8                | localhost        | 80   | false",
        "::1                       | ::1              | 80   | true",
        "[::1]                     | ::1              | 80   | true",
        "[::1]:8080                | ::1              | 8080 | true",
        "[::1]:8080                | ::1              | 80   | false",
        "fd00::/8                  | fd12:3456::1     | 80   | true",
        "fd00::/8                  | fe80::1          | 80   | false",
        "::1/128                   | ::1              | 80   | true",
        // an IPv4 block never matches an IPv6 host, nor a name that looks numeric
        "127.0.0.0/8               | ::1              | 80   | false",
        "127.0.0.1                 | 127.0.0.1.nip.io | 80   | false",
        // a domain entry never matches by IP and vice versa
        "localhost                 | 127.0.0.1        | 80   | false",
        "localhost                 | localhost        | 80   | true",
    })
    void matches(String list, String host, int port, boolean direct) {
        assertEquals(direct, NoProxy.parse(list, "NO_PROXY").matches(host, port));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/33      | longer than 32 bits",
        "10.0.0.0/x       | not a CIDR block",
        "example.com/8    | not a CIDR block",
        "example.com:0    | out of range",
        "example.com:http | bad port",
        "[::1             | unclosed",
        ".                | no host",
    })
    void badEntriesAreRejectedByName(String list, String message) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> NoProxy.parse(list, "NO_PROXY"));
        assertTrue(e.getMessage().contains("NO_PROXY entry"), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
