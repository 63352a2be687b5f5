package org.memberhub.api.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Request bodies hold only what every database of ours can store and nothing Jackson would have to guess at: text
 * without NUL characters or unpaired surrogates, dates and times as ISO 8601 text (never epoch numbers or arrays),
 * in the years {@value #MIN_YEAR} to {@value #MAX_YEAR}. PostgreSQL refuses NUL in text and years its timestamps
 * cannot hold, and silently replaces unpaired surrogates; refusing them here answers the same on every database.
 */
public class StrictInputModule extends SimpleModule {

    public static final int MIN_YEAR = 1;
    public static final int MAX_YEAR = 9999;

    private static final Instant EARLIEST =
            LocalDate.of(MIN_YEAR, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant AFTER_LATEST =
            LocalDate.of(MAX_YEAR + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

    public static final String INVALID_CHARACTER = "INVALID_CHARACTER";
    static final String INVALID_FIELD_VALUE = "INVALID_FIELD_VALUE";
    static final String OUT_OF_RANGE = "OUT_OF_RANGE";

    public StrictInputModule() {
        super("memberhub-strict-input");
        addDeserializer(String.class, new StorableText());
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(
                    DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
                return description.getBeanClass().getPackageName().equals("java.time")
                        ? new IsoText(deserializer)
                        : deserializer;
            }
        });
    }

    /** True when PostgreSQL can store the text as it is: no NUL, every surrogate paired. */
    public static boolean isStorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c)
                        && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    static final class StorableText extends StdScalarDeserializer<String> {

        StorableText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && !isStorable(text)) {
                throw new RefusedValueException(parser, String.class, INVALID_CHARACTER, "field.INVALID_CHARACTER");
            }
            return text;
        }
    }

    static final class IsoText extends DelegatingDeserializer {

        IsoText(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new IsoText(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                throw new RefusedValueException(parser, handledType(), INVALID_FIELD_VALUE, "field.ISO_DATE_TIME");
            }
            Object value = super.deserialize(parser, context);
            if (!inRange(value)) {
                throw new RefusedValueException(
                        parser, handledType(), OUT_OF_RANGE, "field.YEAR_RANGE", MIN_YEAR, MAX_YEAR);
            }
            return value;
        }

        private static boolean inRange(Object value) {
            if (value instanceof Instant instant) {
                return !instant.isBefore(EARLIEST) && instant.isBefore(AFTER_LATEST);
            }
            if (value instanceof TemporalAccessor temporal && temporal.isSupported(ChronoField.YEAR)) {
                int year = temporal.get(ChronoField.YEAR);
                return year >= MIN_YEAR && year <= MAX_YEAR;
            }
            return true;
        }
    }
}
