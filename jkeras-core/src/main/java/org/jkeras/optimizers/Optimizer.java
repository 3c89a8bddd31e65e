package org.jkeras.optimizers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.tensor.ComputePool;
import org.jkeras.tensor.Tensor;

/**
 * A Keras 3 optimizer: {@link #apply} updates each trainable variable in place from its gradient, creating
 * the optimizer's slot variables (momentums, velocities, ...) on first sight of a variable, then increments
 * {@link #iterations()}. Updates run on primitive arrays and allocate nothing after the first step.
 *
 * <pre>{@code
 * Optimizer opt = Optimizers.get("adam");
 * opt.apply(model.trainableWeights(), grads);
 * }</pre>
 */
public abstract class Optimizer {
    /** Elements per chunk below which an update stays on one thread (a hand-off costs more). */
    private static final int PARALLEL_GRAIN = 1 << 16;
    private final String name;
    private double learningRate;
    private long iterations;
    private final Map<Variable, Integer> index = new IdentityHashMap<>();
    private final List<Variable> slots = new ArrayList<>();

    protected Optimizer(String name, double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning_rate must be a finite number >= 0; received: learning_rate="
                    + learningRate + ".");
        }
        this.name = name;
        this.learningRate = learningRate;
    }

    /** The Keras name, e.g. {@code "adam"}. */
    public String name() {
        return name;
    }

    public double learningRate() {
        return learningRate;
    }

    public void setLearningRate(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning_rate must be a finite number >= 0; received: " + learningRate + ".");
        }
        this.learningRate = learningRate;
    }

    /** Number of updates applied so far (Keras's {@code optimizer.iterations}). */
    public long iterations() {
        return iterations;
    }

    /** Sets the step counter, e.g. when restoring saved optimizer state. */
    public void setIterations(long iterations) {
        this.iterations = iterations;
    }

    /**
     * Applies one update: {@code grads[i]} is the gradient of {@code variables.get(i)}. Variables seen for the
     * first time get their slots created (in Keras's order).
     */
    public final void apply(List<Variable> variables, Tensor[] grads) {
        if (grads.length != variables.size()) {
            throw new IllegalArgumentException("apply() got " + grads.length + " gradients for " + variables.size()
                    + " variables; pass one gradient per variable.");
        }
        float lr = (float) learningRate;
        long step = iterations + 1;
        // Register all new variables first, then build their slots together: Keras builds an optimizer over the
        // whole variable list, and some optimizers (RMSprop, Adam with amsgrad) create one kind of slot for every
        // variable before the next kind, an order that saved optimizer state relies on.
        int first = index.size();
        List<Variable> fresh = null;
        for (Variable v : variables) {
            if (!index.containsKey(v)) {
                index.put(v, index.size());
                if (fresh == null) {
                    fresh = new ArrayList<>();
                }
                fresh.add(v);
            }
        }
        if (fresh != null) {
            buildSlots(first, fresh);
        }
        for (int i = 0; i < grads.length; i++) {
            Variable v = variables.get(i);
            int k = index.get(v);
            Tensor g = grads[i];
            if (g.size() != v.value().size()) {
                throw new IllegalArgumentException("Gradient for variable '" + v.name() + "' has "
                        + g.size() + " elements; the variable has " + v.value().size() + ".");
            }
            float[] gb = g.buffer();
            int go = g.offset();
            // Large variables are updated by both cores; each chunk is an independent elementwise loop.
            ComputePool.parallelFor(0, v.value().size(), PARALLEL_GRAIN, (from, to) -> update(k, v, gb, go, lr, step, from, to));
        }
        iterations++;
    }

    /**
     * Keras's {@code optimizer.build(variables)}: creates the slot variables of every variable not seen yet,
     * without updating anything, so saved optimizer state can be assigned before training resumes.
     *
     * <pre>{@code
     * model.optimizer().build(model.trainableWeights());
     * List<Variable> slots = model.optimizer().slotVariables();
     * }</pre>
     */
    public final void build(List<Variable> variables) {
        int first = index.size();
        List<Variable> fresh = new ArrayList<>();
        for (Variable v : variables) {
            if (!index.containsKey(v)) {
                index.put(v, index.size());
                fresh.add(v);
            }
        }
        if (!fresh.isEmpty()) {
            buildSlots(first, fresh);
        }
    }

    /**
     * Creates the slots of newly seen variables; {@code fresh.get(i)} is the {@code (firstIndex + i)}-th variable
     * seen. The default calls {@link #createSlots} per variable (Keras's interleaved order, e.g. Adam's
     * {@code momentum, velocity} per variable); optimizers whose Keras {@code build()} creates one slot kind for all
     * variables before the next override this.
     */
    protected void buildSlots(int firstIndex, List<Variable> fresh) {
        for (int i = 0; i < fresh.size(); i++) {
            createSlots(firstIndex + i, fresh.get(i));
        }
    }

    /** Creates the slot variables of the {@code k}-th variable seen, via {@link #addSlot}. */
    protected abstract void createSlots(int k, Variable variable);

    /**
     * Updates elements {@code [from, to)} of {@code variable} (the {@code k}-th seen) in place from its gradient
     * {@code g[go..]}; {@code step} is the 1-based step number (Keras's {@code iterations + 1}). Called for
     * disjoint ranges, possibly from several threads at once, so it must touch only those elements.
     */
    protected abstract void update(int k, Variable variable, float[] g, int go, float lr, long step, int from, int to);

    /** Registers a zero-initialised slot shaped like {@code variable}, and returns it. */
    protected final Variable addSlot(Variable variable, String slotName) {
        Variable slot = new Variable(variable.name() + "_" + slotName, Tensor.zeros(variable.shape()), false);
        slots.add(slot);
        return slot;
    }

    /** The slot variables in creation order (for saving and restoring optimizer state). */
    public List<Variable> slotVariables() {
        return Collections.unmodifiableList(slots);
    }

    /**
     * The arguments every Keras 3 optimizer config starts with ({@code BaseOptimizer.get_config}): name, the
     * learning rate as the float32 variable holds it (Keras writes {@code float(variable.numpy())}, so 0.001 is
     * saved as 0.0010000000474974513), and the unsupported base options at their defaults.
     */
    protected final Map<String, Object> baseConfig() {
        Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("name", name);
        c.put("learning_rate", (double) (float) learningRate);
        c.put("weight_decay", null);
        c.put("clipnorm", null);
        c.put("global_clipnorm", null);
        c.put("clipvalue", null);
        c.put("use_ema", false);
        c.put("ema_momentum", 0.99);
        c.put("ema_overwrite_frequency", null);
        c.put("loss_scale_factor", null);
        c.put("gradient_accumulation_steps", null);
        return c;
    }

    /** Checks {@code lo <= value <= hi} (or {@code < hi} when {@code hiOpen}), naming the argument if not. */
    protected static double checkRange(String argument, double value, double lo, double hi, boolean hiOpen) {
        boolean ok = value >= lo && (hiOpen ? value < hi : value <= hi);
        if (!ok) {
            throw new IllegalArgumentException("`" + argument + "` must be a float in [" + lo + ", " + hi
                    + (hiOpen ? ")" : "]") + "; received: " + argument + "=" + value + ".");
        }
        return value;
    }

    /** Checks {@code value >= 0} and finite, naming the argument if not. */
    protected static double checkNonNegative(String argument, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("`" + argument + "` must be a finite float >= 0; received: " + argument
                    + "=" + value + ".");
        }
        return value;
    }

    /** The constructor arguments as Keras names them (for configs and error messages). */
    public abstract Map<String, Object> getConfig();

    @Override
    public String toString() {
        return getClass().getSimpleName() + getConfig();
    }
}
