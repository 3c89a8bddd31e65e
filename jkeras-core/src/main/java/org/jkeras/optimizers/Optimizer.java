package org.jkeras.optimizers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.optimizers.schedules.LearningRateSchedule;
import org.jkeras.tensor.ComputePool;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.UpdateKernels;

/**
 * A Keras 3 optimizer: {@link #apply} updates each trainable variable in place from its gradient, creating
 * the optimizer's slot variables (momentums, velocities, ...) on first sight of a variable, then increments
 * {@link #iterations()}. Updates run on primitive arrays and allocate nothing after the first step.
 *
 * <p>Every optimizer takes Keras's common arguments, set with fluent setters before the first {@code apply}:
 * <ul>
 *   <li>{@link #clipnorm}, {@link #clipvalue}, {@link #globalClipnorm} (at most one): gradients are clipped first,
 *       each to L2 norm {@code clipnorm}, all together to global norm {@code global_clipnorm}, or elementwise to
 *       {@code [-clipvalue, clipvalue]};</li>
 *   <li>{@link #weightDecay}: decoupled decay {@code w ← w·(1 − weight_decay·lr)} applied before the update
 *       (Keras 3's {@code _apply_weight_decay}, torch backend), skipping {@link #excludeFromWeightDecay} names;</li>
 *   <li>{@link #useEma}, {@link #emaMomentum}, {@link #emaOverwriteFrequency}: an exponential moving average of
 *       the weights, {@code avg ← m·avg + (1 − m)·w} after each update ({@code m = 0} on the very first step), written
 *       into the weights every {@code ema_overwrite_frequency} steps and by {@link #finalizeVariableValues} (which
 *       the training loop calls at the end of {@code fit});</li>
 *   <li>a {@link org.jkeras.optimizers.schedules.LearningRateSchedule} instead of a float, evaluated at
 *       {@link #iterations()} before each step ({@link #learningRate(org.jkeras.optimizers.schedules.LearningRateSchedule)}).</li>
 * </ul>
 * Step order, as Keras 3: clip gradients, decay weights, update, EMA, {@code iterations += 1}. Variable constraints
 * are not the optimizer's business here: the training loop calls {@code Layer.applyConstraints()} after the step.
 *
 * <pre>{@code
 * Optimizer opt = Optimizers.get("adam");
 * opt.apply(model.trainableWeights(), grads);
 * Optimizer tuned = new Adam(1e-3).clipnorm(1.0).weightDecay(1e-4).useEma(true);
 * Optimizer scheduled = new SGD().learningRate(new ExponentialDecay(0.1, 1000, 0.96));
 * }</pre>
 */
public abstract class Optimizer {
    /** Elements per chunk below which an update stays on one thread (a hand-off costs more). */
    private static final int PARALLEL_GRAIN = 1 << 16;
    private final String name;
    private double learningRate;
    private LearningRateSchedule schedule;
    private long iterations;
    private final Map<Variable, Integer> index = new IdentityHashMap<>();
    private final List<Variable> slots = new ArrayList<>();
    private Double clipnorm;
    private Double clipvalue;
    private Double globalClipnorm;
    private Double weightDecay;
    private boolean useEma;
    private double emaMomentum = 0.99;
    private Integer emaOverwriteFrequency;
    private final List<String> excludedFromWeightDecay = new ArrayList<>();
    private final Map<Variable, Boolean> decayed = new IdentityHashMap<>();
    private final List<Variable> averages = new ArrayList<>();
    private final List<float[]> clipBuffers = new ArrayList<>();

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

    /**
     * The learning rate of the next step: the float given, or the schedule evaluated at {@link #iterations()}
     * (Keras's {@code optimizer.learning_rate}).
     */
    public double learningRate() {
        return schedule == null ? learningRate : schedule.apply(iterations);
    }

    /** The schedule, or null when the learning rate is a float. */
    public LearningRateSchedule learningRateSchedule() {
        return schedule;
    }

    public void setLearningRate(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning_rate must be a finite number >= 0; received: " + learningRate + ".");
        }
        if (schedule != null) {
            throw new IllegalArgumentException("This optimizer was created with a learning rate schedule ("
                    + schedule.getClass().getSimpleName() + "); its learning rate cannot be set to " + learningRate
                    + ". Pass a new schedule with learningRate(schedule) instead.");
        }
        this.learningRate = learningRate;
    }

    /**
     * Uses {@code schedule} for the learning rate: before each step it is evaluated at {@link #iterations()}
     * (0 on the first step), as Keras does for an optimizer built with a {@code LearningRateSchedule}.
     */
    @SuppressWarnings("unchecked")
    public <T extends Optimizer> T learningRate(LearningRateSchedule schedule) {
        if (schedule == null) {
            throw new IllegalArgumentException("learning_rate schedule is null; pass a LearningRateSchedule such as "
                    + "new ExponentialDecay(0.1, 1000, 0.96), or use setLearningRate(double).");
        }
        this.schedule = schedule;
        return (T) this;
    }

    /** Number of updates applied so far (Keras's {@code optimizer.iterations}). */
    public long iterations() {
        return iterations;
    }

    /** Sets the step counter, e.g. when restoring saved optimizer state. */
    public void setIterations(long iterations) {
        this.iterations = iterations;
    }

    // ------------------------------------------------------------------ common Keras arguments

    /** Keras's {@code clipnorm}: each gradient is rescaled to L2 norm at most {@code clipnorm} (0 disables). */
    @SuppressWarnings("unchecked")
    public <T extends Optimizer> T clipnorm(double clipnorm) {
        this.clipnorm = checkClip("clipnorm", clipnorm);
        return (T) this;
    }

    /** Keras's {@code clipvalue}: each gradient element is clipped to {@code [-clipvalue, clipvalue]} (0 disables). */
    @SuppressWarnings("unchecked")
    public <T extends Optimizer> T clipvalue(double clipvalue) {
        this.clipvalue = checkClip("clipvalue", clipvalue);
        return (T) this;
    }

    /**
     * Keras's {@code global_clipnorm}: all gradients are rescaled together so that their global L2 norm is at most
     * {@code globalClipnorm} (0 disables).
     */
    @SuppressWarnings("unchecked")
    public <T extends Optimizer> T globalClipnorm(double globalClipnorm) {
        this.globalClipnorm = checkClip("global_clipnorm", globalClipnorm);
        return (T) this;
    }

    private Double checkClip(String argument, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("`" + argument + "` must be a finite float >= 0; received: " + argument
                    + "=" + value + ".");
        }
        int others = (clipnorm != null && !argument.equals("clipnorm") ? 1 : 0)
                + (clipvalue != null && !argument.equals("clipvalue") ? 1 : 0)
                + (globalClipnorm != null && !argument.equals("global_clipnorm") ? 1 : 0);
        if (others > 0) {
            throw new IllegalArgumentException("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. "
                    + "Received: clipnorm=" + clipnorm + ", clipvalue=" + clipvalue + ", global_clipnorm="
                    + globalClipnorm + ", and now " + argument + "=" + value + ".");
        }
        return value;
    }

    /**
     * Keras's {@code weight_decay}: before each update every trainable variable (except those excluded) is multiplied
     * by {@code 1 - weight_decay·lr}.
     */
    @SuppressWarnings("unchecked")
    public <T extends Optimizer> T weightDecay(double weightDecay) {
        this.weightDecay = checkNonNegative("weight_decay", weightDecay);
        return (T) this;
    }

    /** Clears the weight decay (Keras's {@code weight_decay=None}). */
    @SuppressWarnings("unchecked")
    public <T extends Optimizer> T noWeightDecay() {
        this.weightDecay = null;
        return (T) this;
    }

    /**
     * Keras's {@code exclude_from_weight_decay(var_names=...)}: variables whose name contains any of these strings
     * get no weight decay (e.g. {@code "bias"}). Must be called before the first {@code apply}.
     */
    @SuppressWarnings("unchecked")
    public <T extends Optimizer> T excludeFromWeightDecay(String... varNames) {
        if (!index.isEmpty()) {
            throw new IllegalStateException("exclude_from_weight_decay() can only be configured before the optimizer "
                    + "is built (before its first apply).");
        }
        excludedFromWeightDecay.addAll(List.of(varNames));
        return (T) this;
    }

    /** Keras's {@code use_ema}: keep an exponential moving average of the weights. Set before the first apply. */
    @SuppressWarnings("unchecked")
    public <T extends Optimizer> T useEma(boolean useEma) {
        if (!index.isEmpty() && useEma != this.useEma) {
            throw new IllegalStateException("use_ema can only be changed before the optimizer is built (before its "
                    + "first apply); received: use_ema=" + useEma + ".");
        }
        this.useEma = useEma;
        return (T) this;
    }

    /** Keras's {@code ema_momentum} (default 0.99), in {@code [0, 1]}. */
    @SuppressWarnings("unchecked")
    public <T extends Optimizer> T emaMomentum(double emaMomentum) {
        if (!(emaMomentum >= 0 && emaMomentum <= 1)) {
            throw new IllegalArgumentException("`ema_momentum` must be in the range [0, 1]. Received: ema_momentum="
                    + emaMomentum + ".");
        }
        this.emaMomentum = emaMomentum;
        return (T) this;
    }

    /**
     * Keras's {@code ema_overwrite_frequency}: every this many steps the weights are overwritten with their moving
     * average. At least 1.
     */
    @SuppressWarnings("unchecked")
    public <T extends Optimizer> T emaOverwriteFrequency(int frequency) {
        if (frequency < 1) {
            throw new IllegalArgumentException("`ema_overwrite_frequency` must be an integer >= 1 or None. Received: "
                    + "ema_overwrite_frequency=" + frequency + ".");
        }
        this.emaOverwriteFrequency = frequency;
        return (T) this;
    }

    public Double clipnorm() {
        return clipnorm;
    }

    public Double clipvalue() {
        return clipvalue;
    }

    public Double globalClipnorm() {
        return globalClipnorm;
    }

    public Double weightDecay() {
        return weightDecay;
    }

    public boolean useEma() {
        return useEma;
    }

    public double emaMomentum() {
        return emaMomentum;
    }

    public Integer emaOverwriteFrequency() {
        return emaOverwriteFrequency;
    }

    /**
     * Keras's {@code finalize_variable_values(var_list)}: with {@code use_ema}, writes each variable's moving average
     * into it (the training loop calls this once at the end of {@code fit}); otherwise does nothing.
     */
    public void finalizeVariableValues(List<Variable> variables) {
        if (!useEma) {
            return;
        }
        for (Variable v : variables) {
            Integer k = index.get(v);
            if (k == null) {
                throw new IllegalArgumentException("finalize_variable_values: variable '" + v.name() + "' was never "
                        + "updated by this optimizer, so it has no moving average.");
            }
            v.assign(averages.get(k).value());
        }
    }

    /**
     * Applies one update: {@code grads[i]} is the gradient of {@code variables.get(i)}. Variables seen for the
     * first time get their slots created (in Keras's order: the EMA averages first, then the optimizer's slots).
     */
    public final void apply(List<Variable> variables, Tensor[] grads) {
        if (grads.length != variables.size()) {
            throw new IllegalArgumentException("apply() got " + grads.length + " gradients for " + variables.size()
                    + " variables; pass one gradient per variable.");
        }
        float lr = (float) learningRate();
        long step = iterations + 1;
        build(variables);
        for (int i = 0; i < grads.length; i++) {
            Variable v = variables.get(i);
            if (grads[i].size() != v.value().size()) {
                throw new IllegalArgumentException("Gradient for variable '" + v.name() + "' has "
                        + grads[i].size() + " elements; the variable has " + v.value().size() + ".");
            }
        }
        float[] scales = clipScales(variables, grads);
        float decay = weightDecay == null ? 1f : 1f - (float) (double) weightDecay * lr;
        // EMA: momentum is 0 on the very first step (the average starts at the updated weights).
        float emaM = iterations != 0 ? (float) emaMomentum : 0f;
        float emaC = 1f - emaM;
        boolean overwrite = useEma && emaOverwriteFrequency != null && (iterations + 1) % emaOverwriteFrequency == 0;
        beginStep(step, lr);
        for (int i = 0; i < grads.length; i++) {
            Variable v = variables.get(i);
            int k = index.get(v);
            Tensor g = grads[i];
            float[] gb = g.buffer();
            int go = g.offset();
            if (scales != null || clipvalue != null && clipvalue > 0) {
                float[] buf = clipBuffers.get(k);
                if (buf == null) {
                    buf = new float[g.size()];
                    clipBuffers.set(k, buf);
                }
                float s = scales == null ? 1f : scales[i];
                float cv = clipvalue != null && clipvalue > 0 ? (float) (double) clipvalue : Float.POSITIVE_INFINITY;
                if (clipnorm != null && clipnorm > 0) {
                    UpdateKernels.clipByNorm(gb, go, buf, g.size(), (float) (double) clipnorm, s);
                } else if (scales != null) {
                    UpdateKernels.scaleInto(gb, go, buf, g.size(), s);
                } else {
                    UpdateKernels.clipByValue(gb, go, buf, g.size(), cv);
                }
                gb = buf;
                go = 0;
            }
            final float[] fg = gb;
            final int fgo = go;
            final boolean decays = weightDecay != null && decayed.get(v);
            final Variable avg = useEma ? averages.get(k) : null;
            float[] w = v.value().buffer();
            int wo = v.value().offset();
            // Large variables are updated by both cores; each chunk is an independent elementwise pass: decay, update,
            // moving average, as Keras does them variable by variable.
            ComputePool.parallelFor(0, v.value().size(), PARALLEL_GRAIN, (from, to) -> {
                if (decays) {
                    UpdateKernels.scaleInPlace(w, wo, from, to, decay);
                }
                update(k, v, fg, fgo, lr, step, from, to);
                if (avg != null) {
                    float[] a = avg.value().buffer();
                    int ao = avg.value().offset();
                    UpdateKernels.movingAverage(a, ao, w, wo, from, to, emaM, emaC);
                    if (overwrite) {
                        System.arraycopy(a, ao + from, w, wo + from, to - from);
                    }
                }
            });
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
        // Register all new variables first, then build their slots together: Keras builds an optimizer over the
        // whole variable list, and some optimizers (RMSprop, Adam with amsgrad) create one kind of slot for every
        // variable before the next kind, an order that saved optimizer state relies on.
        int first = index.size();
        List<Variable> fresh = new ArrayList<>();
        for (Variable v : variables) {
            if (!index.containsKey(v)) {
                index.put(v, index.size());
                fresh.add(v);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        for (Variable v : fresh) {
            if (useEma) {
                // Keras's BaseOptimizer.build creates the averages before the subclass's slots.
                averages.add(addSlot(v, "average"));
            }
            clipBuffers.add(null);
            decayed.put(v, usesWeightDecay(v));
        }
        buildSlots(first, fresh);
    }

    /**
     * For clipnorm: the L2 norm of each gradient; for global_clipnorm: the common scale
     * {@code c·min(1/‖g‖, 1/c)} for every gradient (NaN when the norm is not finite, as Keras). Null when neither.
     */
    private float[] clipScales(List<Variable> variables, Tensor[] grads) {
        boolean perTensor = clipnorm != null && clipnorm > 0;
        boolean global = !perTensor && globalClipnorm != null && globalClipnorm > 0;
        if (!perTensor && !global) {
            return null;
        }
        float[] out = new float[grads.length];
        double total = 0;
        for (int i = 0; i < grads.length; i++) {
            double s = UpdateKernels.sumOfSquares(grads[i].buffer(), grads[i].offset(), grads[i].size());
            out[i] = (float) Math.sqrt(s);
            total += s;
        }
        if (global) {
            float norm = (float) Math.sqrt(total);
            float c = (float) (double) globalClipnorm;
            float scale = c * Math.min(1f / norm, 1f / c) + (norm - norm);
            java.util.Arrays.fill(out, scale);
        }
        return out;
    }

    private boolean usesWeightDecay(Variable v) {
        for (String s : excludedFromWeightDecay) {
            if (v.name().contains(s)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Called once per {@link #apply}, before any variable is updated, with the 1-based step and the step's learning
     * rate; optimizers with per-step state shared by all variables (Nadam's momentum-cache product) update it here.
     */
    protected void beginStep(long step, float lr) {}

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
        return addSlot(variable, slotName, 0f);
    }

    /** Registers a slot shaped like {@code variable} filled with {@code initial} (Adagrad's accumulators), and returns it. */
    protected final Variable addSlot(Variable variable, String slotName, float initial) {
        Variable slot = new Variable(variable.name() + "_" + slotName, Tensor.full(initial, variable.shape()), false);
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
     * saved as 0.0010000000474974513; a schedule as its serialized config), then the common arguments, then the
     * optimizer's own arguments given as alternating names and values, in order:
     * {@code baseConfig("beta_1", beta1, "beta_2", beta2)}.
     */
    protected final Map<String, Object> baseConfig(Object... ownNamesAndValues) {
        if (ownNamesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("baseConfig takes alternating names and values; got "
                    + ownNamesAndValues.length + " arguments.");
        }
        Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("name", name);
        if (schedule == null) {
            c.put("learning_rate", (double) (float) learningRate);
        } else {
            Map<String, Object> lr = new java.util.LinkedHashMap<>();
            lr.put("module", "keras.optimizers.schedules");
            lr.put("class_name", schedule.getClass().getSimpleName());
            lr.put("config", schedule.getConfig());
            lr.put("registered_name", null);
            c.put("learning_rate", lr);
        }
        c.put("weight_decay", weightDecay);
        c.put("clipnorm", clipnorm);
        c.put("global_clipnorm", globalClipnorm);
        c.put("clipvalue", clipvalue);
        c.put("use_ema", useEma);
        c.put("ema_momentum", emaMomentum);
        c.put("ema_overwrite_frequency", emaOverwriteFrequency);
        c.put("loss_scale_factor", null);
        c.put("gradient_accumulation_steps", null);
        for (int i = 0; i < ownNamesAndValues.length; i += 2) {
            c.put((String) ownNamesAndValues[i], ownNamesAndValues[i + 1]);
        }
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
