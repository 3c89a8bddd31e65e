package org.jkeras.saving;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.jkeras.layers.Layer;

/**
 * The classes a Keras file may name, as Keras's {@code register_keras_serializable}: built-in layers by their
 * Keras class name ({@code "Dense"}), user layers by a registered name {@code "package>ClassName"}. Loading only
 * ever instantiates classes registered here: a file naming anything else fails with a message that names the class
 * and shows how to register it.
 *
 * <pre>{@code
 * // a user layer with a constructor taking its config:  public Scale(Map<String, Object> config)
 * SavingRegistry.register("my_package>Scale", Scale.class);
 * // or with an explicit factory
 * SavingRegistry.register("my_package>Scale", Scale.class, config -> new Scale(((Number) config.get("factor")).floatValue()));
 * Model m = Models.load(Path.of("with_custom_layer.keras"));
 * }</pre>
 */
public final class SavingRegistry {
    private static final Map<String, Entry> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, Entry> BY_CLASS = new LinkedHashMap<>();

    /** A registered class: the name written to files, and its serializer. */
    static final class Entry {
        final String registeredName;
        final Class<? extends Layer> type;
        final LayerSerializer serializer;
        final boolean builtIn;

        Entry(String registeredName, Class<? extends Layer> type, LayerSerializer serializer, boolean builtIn) {
            this.registeredName = registeredName;
            this.type = type;
            this.serializer = serializer;
            this.builtIn = builtIn;
        }

        /** The class name Keras writes: the part after {@code >}. */
        String className() {
            int i = registeredName.indexOf('>');
            return i < 0 ? registeredName : registeredName.substring(i + 1);
        }
    }

    static {
        BuiltinLayers.registerAll();
    }

    private SavingRegistry() {}

    /**
     * Registers a user layer class under {@code "package>ClassName"}, rebuilt through its public constructor
     * taking the config ({@code Map<String, Object>}).
     *
     * @throws IllegalArgumentException when the name lacks a package or the class has no such constructor
     */
    public static void register(String registeredName, Class<? extends Layer> type) {
        Constructor<? extends Layer> ctor;
        try {
            ctor = type.getConstructor(Map.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("Cannot register " + type.getName() + " as '" + registeredName
                    + "': it has no public constructor taking the config (Map<String, Object>). Add one, or register a "
                    + "factory: SavingRegistry.register(name, " + type.getSimpleName() + ".class, config -> new "
                    + type.getSimpleName() + "(...)).", e);
        }
        register(registeredName, type, config -> {
            try {
                return ctor.newInstance(config);
            } catch (InvocationTargetException e) {
                Throwable c = e.getCause();
                throw c instanceof RuntimeException ? (RuntimeException) c
                        : new IllegalArgumentException("Constructing " + type.getName() + " from its config failed: " + c, c);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot construct " + type.getName() + ": " + e, e);
            }
        });
    }

    /** Registers a user layer class under {@code "package>ClassName"} with an explicit serializer. */
    public static synchronized void register(String registeredName, Class<? extends Layer> type, LayerSerializer serializer) {
        if (registeredName == null || !registeredName.matches("[^>]+>[^>]+")) {
            throw new IllegalArgumentException("A registered name must look like \"package>ClassName\" (Keras's "
                    + "register_keras_serializable(package=...)); received: '" + registeredName + "'.");
        }
        if (type == null || serializer == null) {
            throw new IllegalArgumentException("register() needs a class and a serializer; received type=" + type
                    + ", serializer=" + serializer + ".");
        }
        Entry e = new Entry(registeredName, type, serializer, false);
        BY_NAME.put(registeredName, e);
        BY_CLASS.put(type, e);
    }

    /** Registers a built-in Keras layer under its plain class name. */
    static synchronized void registerBuiltin(String className, Class<? extends Layer> type, LayerSerializer serializer) {
        Entry e = new Entry(className, type, serializer, true);
        BY_NAME.put(className, e);
        BY_CLASS.put(type, e);
    }

    /** Removes a user registration (for tests and plugin unloading); built-ins stay. */
    public static synchronized void unregister(String registeredName) {
        Entry e = BY_NAME.get(registeredName);
        if (e != null && !e.builtIn) {
            BY_NAME.remove(registeredName);
            BY_CLASS.remove(e.type);
        }
    }

    /** True when {@code name} (a Keras class name or a registered name) can be loaded. */
    public static synchronized boolean isRegistered(String name) {
        return BY_NAME.containsKey(name);
    }

    /** The entry for a config's {@code registered_name} or {@code class_name}; fails naming it when unknown. */
    static synchronized Entry forConfig(String className, String registeredName) {
        Entry e = registeredName != null ? BY_NAME.get(registeredName) : null;
        if (e == null && className != null) {
            e = BY_NAME.get(className);
            if (e != null && !e.builtIn && registeredName != null) {
                e = null;
            }
        }
        if (e == null) {
            String shown = registeredName != null ? registeredName : className;
            throw new IllegalArgumentException("Unknown layer class '" + shown + "' in the model config. jkeras can load "
                    + "the built-in layers " + new TreeSet<>(builtinNames()) + " and classes registered with "
                    + "SavingRegistry.register(\"" + (shown != null && shown.contains(">") ? shown : "package>" + shown)
                    + "\", MyLayer.class) before loading (Keras's @register_keras_serializable). Nothing else is instantiated.");
        }
        return e;
    }

    /** The entry for a layer object's class; fails naming the class when it was never registered. */
    static synchronized Entry forLayer(Layer layer) {
        Entry e = BY_CLASS.get(layer.getClass());
        if (e != null) {
            return e;
        }
        throw new IllegalArgumentException("Layer '" + layer.name() + "' of class " + layer.getClass().getName()
                + " cannot be saved: its class is not registered. Call SavingRegistry.register(\"my_package>"
                + layer.getClass().getSimpleName() + "\", " + layer.getClass().getSimpleName() + ".class) first, so that "
                + "the file names it and loading can rebuild it.");
    }

    private static java.util.List<String> builtinNames() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Entry e : BY_NAME.values()) {
            if (e.builtIn) {
                out.add(e.registeredName);
            }
        }
        return out;
    }
}
