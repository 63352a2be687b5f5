package org.memberhub.query.audit;

import java.lang.reflect.RecordComponent;

/** How events are named and explained in histories and the audit log. */
final class EventTypes {

    private EventTypes() {}

    /** {@code PointsEarnedEvent} is called {@code PointsEarned}. */
    static String nameOf(Class<?> eventType) {
        String name = eventType.getSimpleName();
        return name.endsWith("Event") ? name.substring(0, name.length() - "Event".length()) : name;
    }

    /** The event's own explanation, from its {@code reason} or {@code cause}, when it has one. */
    static String reasonOf(Object event) {
        if (event != null && event.getClass().isRecord()) {
            for (RecordComponent component : event.getClass().getRecordComponents()) {
                if (component.getName().equals("reason") || component.getName().equals("cause")) {
                    try {
                        Object value = component.getAccessor().invoke(event);
                        return value == null ? null : value.toString();
                    } catch (ReflectiveOperationException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }
}
