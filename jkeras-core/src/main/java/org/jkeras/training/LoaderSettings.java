package org.jkeras.training;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeras.data.WorkerOptions;

/**
 * The batch-loader settings that {@link FitOptions} and {@link EvaluateOptions} share — Keras's
 * {@code max_queue_size}, {@code workers}, {@code use_multiprocessing} and jkeras's {@link WorkerOptions} — with
 * their checks, and which of them were given (so that arrays, which take none, can refuse them by name).
 *
 * <pre>{@code
 * LoaderSettings l = new LoaderSettings();
 * l.workers(2);   // l.given: {workers=2}
 * }</pre>
 */
final class LoaderSettings {
    int maxQueueSize = 10;
    int workers = 1;
    boolean useMultiprocessing;
    WorkerOptions workerOptions = WorkerOptions.defaults();
    /** The settings given, by Keras name (jkeras's worker settings by method name), in the order given. */
    final Map<String, Object> given = new LinkedHashMap<>();

    void maxQueueSize(int maxQueueSize) {
        if (maxQueueSize < 1) {
            throw new IllegalArgumentException("max_queue_size must be >= 1; received: max_queue_size=" + maxQueueSize + ".");
        }
        this.maxQueueSize = maxQueueSize;
        given.put("max_queue_size", maxQueueSize);
    }

    void workers(int workers) {
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be >= 0; received: workers=" + workers + ".");
        }
        this.workers = workers;
        given.put("workers", workers);
    }

    void useMultiprocessing(boolean useMultiprocessing) {
        this.useMultiprocessing = useMultiprocessing;
        given.put("use_multiprocessing", useMultiprocessing);
    }

    void batchTimeout(Duration timeout) {
        this.workerOptions = workerOptions.batchTimeout(timeout);
        givenIf("batchTimeout", timeout, timeout != null);
    }

    void workerJvmOptions(String... options) {
        this.workerOptions = workerOptions.workerJvmOptions(options);
        givenIf("workerJvmOptions", workerOptions.workerJvmOptions(), options.length > 0);
    }

    void workerOptions(WorkerOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("workerOptions is null; pass WorkerOptions.defaults() for none.");
        }
        this.workerOptions = options;
        givenIf("workerOptions", options, options.batchTimeout() != null || !options.workerJvmOptions().isEmpty());
    }

    /** Records a jkeras worker setting among the loader options given (refused with arrays, like workers). */
    private void givenIf(String name, Object value, boolean given) {
        if (given) {
            this.given.put(name, value);
        } else {
            this.given.remove(name);
        }
    }
}
