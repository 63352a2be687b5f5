package org.memberhub.api.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Request bodies hold nothing Jackson would have to guess at: dates and times are ISO 8601 text, never epoch
 * numbers or arrays.
 */
public class StrictInputModule extends SimpleModule {

    static final String INVALID_FIELD_VALUE = "INVALID_FIELD_VALUE";

    public StrictInputModule() {
        super("memberhub-strict-input");
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
            return super.deserialize(parser, context);
        }
    }
}
