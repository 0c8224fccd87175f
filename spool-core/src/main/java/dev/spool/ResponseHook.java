package dev.spool;

/**
 * A function called with each response a session receives, redirects included, before it is
 * returned (requests' {@code hooks={'response': ...}}): it may look at the response, or return
 * another one to use instead. Hooks set on a request replace the session's, as in requests.
 * With {@code stream(false)} the body is not read yet when a hook runs; reading it is fine.
 */
@FunctionalInterface
public interface ResponseHook {
    /** Called with a response; returns the response to use from here on, or null to keep this one. */
    Response onResponse(Response response);
}
