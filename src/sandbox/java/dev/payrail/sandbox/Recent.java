package dev.payrail.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A thread-safe map that keeps only the {@code capacity} most recently inserted entries: when a
 * new key would make it hold more, the entry inserted longest ago is forgotten (insertion order —
 * reading or replacing a value does not make an entry younger; removing one frees its place).
 * The in-process providers keep their per-payment state in it, so load tests can run for hours
 * in a small heap.
 *
 * <p>Per key it is as atomic as {@link ConcurrentHashMap}, which holds the entries:
 * {@link #computeIfAbsent} runs its function at most once while the key is remembered (callers for
 * the same key wait, callers for other keys do not). The insertion order is a doubly linked list
 * under one lock held only for a few pointer updates; the function of {@code computeIfAbsent},
 * the removal of forgotten entries and the {@code onForget} callback run outside it. So while
 * other threads are inserting the map may hold a few more entries than {@code capacity} for a
 * moment; once every insert has returned it holds at most {@code capacity}.
 *
 * <p>Keys and values must not be null.
 */
public final class Recent<K, V> {

    private static final class Node<K, V> {
        final K key;
        volatile V value;
        /** Taken out of the order (forgotten or removed); written under Recent.lock. */
        volatile boolean gone;
        // guarded by Recent.lock
        Node<K, V> older;
        Node<K, V> newer;
        boolean linked;

        Node(K key, V value) {
            this.key = key;
            this.value = value;
        }
    }

    private final int capacity;
    private final BiConsumer<? super K, ? super V> onForget;
    private final ConcurrentHashMap<K, Node<K, V>> map;
    private final Object lock = new Object();
    // guarded by lock
    private Node<K, V> oldest;
    private Node<K, V> newest;
    private int linked;

    /** A store of at most {@code capacity} entries. */
    public Recent(int capacity) {
        this(capacity, null);
    }

    /**
     * A store of at most {@code capacity} entries that tells {@code onForget} about every entry it
     * forgets because it was full (not about {@link #remove}d ones). The callback runs on the
     * inserting thread, after the entry left the map, holding no lock of this store.
     */
    public Recent(int capacity, BiConsumer<? super K, ? super V> onForget) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.onForget = onForget;
        this.map = new ConcurrentHashMap<>(Math.min(capacity, 1 << 16));
    }

    /** Entries held now. */
    public int size() {
        return map.size();
    }

    /** The value of {@code key}, or null when it was never stored or has been forgotten. */
    public V get(K key) {
        Node<K, V> n = map.get(key);
        return n == null ? null : n.value;
    }

    /** Stores {@code value}; a new key is the youngest entry, a known one keeps its place. Returns the previous value or null. */
    public V put(K key, V value) {
        Objects.requireNonNull(value);
        @SuppressWarnings("unchecked")
        Node<K, V>[] created = new Node[1];
        Object[] previous = new Object[1];
        map.compute(key, (k, n) -> {
            if (n == null || n.gone) { // a forgotten node still in the map is on its way out: start afresh
                created[0] = new Node<>(k, value);
                return created[0];
            }
            previous[0] = n.value;
            n.value = value;
            return n;
        });
        if (created[0] != null) {
            admit(created[0]);
        }
        @SuppressWarnings("unchecked")
        V old = (V) previous[0];
        return old;
    }

    /** Stores {@code value} unless the key is remembered; returns the remembered value, or null when stored. */
    public V putIfAbsent(K key, V value) {
        Node<K, V> fresh = new Node<>(key, Objects.requireNonNull(value));
        Node<K, V> known = map.putIfAbsent(key, fresh);
        if (known != null) {
            return known.value;
        }
        admit(fresh);
        return null;
    }

    /**
     * The remembered value of {@code key}, or the value {@code function} makes for it (stored unless
     * null). The function runs at most once per remembered key; it may use other stores, not this one.
     */
    public V computeIfAbsent(K key, Function<? super K, ? extends V> function) {
        Node<K, V> known = map.get(key);
        if (known != null) {
            return known.value;
        }
        @SuppressWarnings("unchecked")
        Node<K, V>[] created = new Node[1];
        Node<K, V> n = map.computeIfAbsent(key, k -> {
            V value = function.apply(k);
            if (value == null) {
                return null;
            }
            created[0] = new Node<>(k, value);
            return created[0];
        });
        if (n == null) {
            return null;
        }
        if (n == created[0]) {
            admit(n);
        }
        return n.value;
    }

    /** Forgets {@code key} now; returns its value or null. */
    public V remove(K key) {
        Node<K, V> n = map.remove(key);
        if (n == null) {
            return null;
        }
        synchronized (lock) {
            unlink(n);
        }
        return n.value;
    }

    /** Forgets everything held now (entries inserted meanwhile may stay). */
    public void clear() {
        for (K key : map.keySet()) {
            remove(key);
        }
    }

    /** Every value held now (weakly consistent, like {@link ConcurrentHashMap}'s iterators), in no order. */
    public void forEachValue(Consumer<? super V> action) {
        map.forEach((k, n) -> action.accept(n.value));
    }

    /** Links a node just put into the map as the youngest entry, then forgets the oldest beyond capacity. */
    private void admit(Node<K, V> n) {
        List<Node<K, V>> forgotten = null;
        synchronized (lock) {
            if (n.gone) {
                return; // removed before it was linked
            }
            n.older = newest;
            if (newest != null) {
                newest.newer = n;
            } else {
                oldest = n;
            }
            newest = n;
            n.linked = true;
            linked++;
            while (linked > capacity) {
                Node<K, V> o = oldest;
                unlink(o);
                if (forgotten == null) {
                    forgotten = new ArrayList<>(1);
                }
                forgotten.add(o);
            }
        }
        if (forgotten != null) {
            for (Node<K, V> o : forgotten) {
                if (map.remove(o.key, o) && onForget != null) {
                    onForget.accept(o.key, o.value);
                }
            }
        }
    }

    /** Takes a node out of the order (if it is in it) for good. Under {@link #lock}. */
    private void unlink(Node<K, V> n) {
        n.gone = true;
        if (!n.linked) {
            return;
        }
        if (n.older != null) {
            n.older.newer = n.newer;
        } else {
            oldest = n.newer;
        }
        if (n.newer != null) {
            n.newer.older = n.older;
        } else {
            newest = n.older;
        }
        n.older = null;
        n.newer = null;
        n.linked = false;
        linked--;
    }
}
