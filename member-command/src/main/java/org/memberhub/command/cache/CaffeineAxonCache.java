package org.memberhub.command.cache;

import com.github.benmanes.caffeine.cache.Cache;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;

/**
 * Axon's {@link org.axonframework.common.caching.Cache} on a Caffeine cache, which bounds it (size, idle time). Axon
 * ships adapters for JCache and Ehcache only; the repository needs get, put and remove, entry listeners are not
 * supported.
 */
public final class CaffeineAxonCache implements org.axonframework.common.caching.Cache {

    private final Cache<Object, Object> cache;

    public CaffeineAxonCache(Cache<Object, Object> cache) {
        this.cache = cache;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) cache.getIfPresent(key);
    }

    @Override
    public void put(Object key, Object value) {
        if (value == null) {
            cache.invalidate(key);
        } else {
            cache.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return cache.asMap().putIfAbsent(key, value) == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) cache.get(key, k -> valueSupplier.get());
    }

    @Override
    public boolean remove(Object key) {
        return cache.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        cache.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return cache.asMap().containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        cache.asMap().computeIfPresent(key, (k, value) -> update.apply((V) value));
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("entry listeners are not supported");
    }

    /** Entries now, for a gauge. */
    public long size() {
        return cache.estimatedSize();
    }
}
