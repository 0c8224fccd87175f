package dev.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link EventListener#composite} passes every event of the interface, with its arguments, to each
 * listener in order, and one that throws does not keep the others from hearing it. The events are
 * found by reflection, so an event added later is checked too.
 */
class EventListenerCompositeTest {
    private static List<Method> events() {
        List<Method> events = new ArrayList<>();
        for (Method m : EventListener.class.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers())) {
                events.add(m);
            }
        }
        return events;
    }

    /** A listener that records "name: event(args)"; throws from every event when {@code fails}. */
    private static EventListener recorder(String name, List<String> log, boolean fails) {
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("equals") ? proxy == args[0] : method.invoke(name, args);
            }
            log.add(name + ": " + method.getName() + Arrays.asList(args));
            if (fails) {
                throw new IllegalStateException("listener " + name + " is broken");
            }
            return null;
        };
        return (EventListener) Proxy.newProxyInstance(EventListener.class.getClassLoader(),
                new Class<?>[] {EventListener.class}, h);
    }

    private static Object[] sampleArgs(Method m) {
        Object[] args = new Object[m.getParameterCount()];
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            if (types[i] == int.class) {
                args[i] = 7;
            } else if (types[i] == long.class) {
                args[i] = 8L;
            } else if (types[i] == boolean.class) {
                args[i] = true;
            } else if (types[i] == String.class) {
                args[i] = "s" + i;
            } else if (types[i] == List.class) {
                args[i] = List.of();
            } else if (types[i] == OpenReason.class) {
                args[i] = OpenReason.ALL_IN_USE;
            } else if (types[i] == CloseReason.class) {
                args[i] = CloseReason.POOL_FULL;
            } else if (types[i] == RuntimeException.class) {
                args[i] = new RuntimeException("failure");
            } // other reference types (request, address, response) stay null: forwarding does not look at them
        }
        return args;
    }

    @Test
    void everyEventReachesEveryListenerInOrderEvenPastOneThatThrows() throws Exception {
        List<Method> events = events();
        assertEquals(17, events.size(), "the events of EventListener: " + events);
        List<String> log = new ArrayList<>();
        EventListener all = EventListener.composite(recorder("a", log, true), recorder("b", log, false));
        for (Method m : events) {
            log.clear();
            Object[] args = sampleArgs(m);
            m.invoke(all, args);
            String call = m.getName() + Arrays.asList(args);
            assertEquals(List.of("a: " + call, "b: " + call), log, m.getName());
        }
    }

    @Test
    void aCompositeIsNotWrappedAgain() {
        EventListener one = EventListener.composite(recorder("a", new ArrayList<>(), false));
        assertSame(one, EventListener.composite(one));
        assertSame(EventListener.NONE, EventListener.composite(EventListener.NONE));
    }
}
