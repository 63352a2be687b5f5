package org.memberhub.command.privacy;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.annotation.Nonnull;
import javax.annotation.Nullable;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.memberhub.kernel.privacy.PersonalData;
import org.memberhub.kernel.privacy.PersonalDataSubject;
import org.memberhub.kernel.privacy.PersonalDataVault;

/**
 * Serializes events and snapshots like the Jackson serializer it wraps, except that each {@link PersonalData} property
 * of a {@link PersonalDataSubject} is stored encrypted with the subject's key from the {@link PersonalDataVault}:
 * {@code "profile": {"$sealed": "<Base64>", "$subject": "<member id>"}}. Reading decrypts it again, or, once the
 * subject has been erased, yields the value of the property type's static {@code erased()} method. Everything else
 * passes through unchanged; data stored before encryption was introduced reads as it always did.
 */
class PersonalDataSerializer implements Serializer {

    static final String SEALED = "$sealed";
    static final String SUBJECT = "$subject";

    private final JacksonSerializer delegate;
    private final ObjectMapper mapper;
    private final PersonalDataVault vault;
    private final Map<Class<?>, List<Property>> properties = new ConcurrentHashMap<>();

    PersonalDataSerializer(JacksonSerializer delegate, PersonalDataVault vault) {
        this.delegate = delegate;
        this.mapper = delegate.getObjectMapper();
        this.vault = vault;
    }

    @Override
    public <T> SerializedObject<T> serialize(@Nullable Object object, @Nonnull Class<T> expectedRepresentation) {
        if (!(object instanceof PersonalDataSubject subject)
                || personalProperties(object.getClass()).isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        ObjectNode tree = mapper.valueToTree(object);
        for (Property property : personalProperties(object.getClass())) {
            JsonNode value = tree.get(property.name());
            if (value != null && !value.isNull() && !value.equals(property.erasedTree())) {
                tree.set(property.name(), seal(((PersonalDataSubject) object).personalDataSubject(), value));
            }
        }
        T data = delegate.getConverter().convert(tree, JsonNode.class, expectedRepresentation);
        return new SimpleSerializedObject<>(data, expectedRepresentation, typeForClass(object.getClass()));
    }

    @Override
    public <S, T> T deserialize(@Nonnull SerializedObject<S> serializedObject) {
        Class<?> type = classForType(serializedObject.getType());
        if (UnknownSerializedType.class.equals(type)
                || !PersonalDataSubject.class.isAssignableFrom(type)
                || personalProperties(type).isEmpty()) {
            return delegate.deserialize(serializedObject);
        }
        JsonNode tree = delegate.getConverter()
                .convert(serializedObject.getData(), serializedObject.getContentType(), JsonNode.class);
        if (tree instanceof ObjectNode object) {
            tree = object.deepCopy();
            for (Property property : personalProperties(type)) {
                JsonNode value = tree.get(property.name());
                if (value instanceof ObjectNode sealed && sealed.has(SEALED)) {
                    ((ObjectNode) tree).set(property.name(), unseal(sealed, property));
                }
            }
        }
        return delegate.deserialize(new SimpleSerializedObject<>(tree, JsonNode.class, serializedObject.getType()));
    }

    private JsonNode seal(String subject, JsonNode value) {
        try {
            byte[] sealed = vault.seal(subject, mapper.writeValueAsBytes(value));
            return mapper.createObjectNode()
                    .put(SEALED, Base64.getEncoder().encodeToString(sealed))
                    .put(SUBJECT, subject);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode unseal(ObjectNode sealed, Property property) {
        String subject = sealed.path(SUBJECT).asText();
        byte[] ciphertext = Base64.getDecoder().decode(sealed.path(SEALED).asText());
        Optional<byte[]> plaintext = vault.unseal(subject, ciphertext);
        if (plaintext.isEmpty()) {
            return property.erasedTree().deepCopy();
        }
        try {
            return mapper.readTree(plaintext.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Property> personalProperties(Class<?> type) {
        return properties.computeIfAbsent(type, this::inspect);
    }

    /**
     * The personal properties of {@code type}, including those of its {@link JsonUnwrapped} properties: unwrapped,
     * they are properties of the enclosing JSON object.
     */
    private List<Property> inspect(Class<?> type) {
        JavaType javaType = mapper.constructType(type);
        List<Property> found = new ArrayList<>();
        for (BeanPropertyDefinition definition :
                mapper.getSerializationConfig().introspect(javaType).findProperties()) {
            AnnotatedMember primary = definition.getPrimaryMember();
            if (primary != null && primary.hasAnnotation(JsonUnwrapped.class)) {
                JsonUnwrapped unwrapped = primary.getAnnotation(JsonUnwrapped.class);
                if (unwrapped.enabled()
                        && unwrapped.prefix().isEmpty()
                        && unwrapped.suffix().isEmpty()) {
                    found.addAll(inspect(primary.getRawType()));
                    continue;
                }
            }
            boolean personal = Stream.of(
                            definition.getField(), definition.getGetter(), definition.getConstructorParameter())
                    .anyMatch(member -> member != null && member.hasAnnotation(PersonalData.class));
            if (personal) {
                found.add(new Property(
                        definition.getName(), mapper.valueToTree(erasedValue(definition.getPrimaryMember(), type))));
            }
        }
        return List.copyOf(found);
    }

    private static Object erasedValue(AnnotatedMember member, Class<?> owner) {
        Class<?> propertyType = member.getRawType();
        try {
            Method erased = propertyType.getMethod("erased");
            if (!Modifier.isStatic(erased.getModifiers()) || !propertyType.isAssignableFrom(erased.getReturnType())) {
                throw new NoSuchMethodException();
            }
            return erased.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("@PersonalData property " + member.getName() + " of " + owner.getName()
                    + " needs a public static " + propertyType.getSimpleName() + " erased() method");
        }
    }

    @Override
    public <T> boolean canSerializeTo(@Nonnull Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(@Nonnull SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(@Nullable Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }

    /** A personal property: its name in JSON and what it reads as once erased (stored as is: it holds nothing). */
    private record Property(String name, JsonNode erasedTree) {}
}
