package org.jkeras.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of {@code jkeras-bench.jar}: dispatches to the benchmark named by the first argument.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -jar jkeras-bench.jar gemm                 # quick GFLOP/s figures
 * java --add-modules jdk.incubator.vector -jar jkeras-bench.jar jmh GemmBenchmark -f 1 -wi 1 -i 1
 * java --add-modules jdk.incubator.vector -jar jkeras-bench.jar fit                  # end-to-end training
 * }</pre>
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        String cmd = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (cmd) {
            case "gemm":
                GemmMain.main(rest);
                break;
            case "jmh":
                org.openjdk.jmh.Main.main(rest);
                break;
            // ---- end-to-end benchmarks: FitBenchmark is owned by another part of the project. It is called
            // ---- by name so that this module builds whether or not that class exists yet.
            case "fit":
                runByName("org.jkeras.bench.FitBenchmark", rest);
                break;
            default:
                System.err.println("usage: java --add-modules jdk.incubator.vector -jar jkeras-bench.jar COMMAND [ARGS]\n"
                        + "  gemm [--threads 1,2] [--shapes MxKxN,...]   GEMM GFLOP/s (no JMH)\n"
                        + "  jmh [JMH ARGS]                              JMH, e.g. jmh GemmBenchmark -f 1 -wi 1 -i 1\n"
                        + "  fit [ARGS]                                  end-to-end training benchmark");
                System.exit(cmd.isEmpty() || cmd.equals("help") || cmd.equals("--help") ? 0 : 2);
        }
    }

    private static void runByName(String className, String[] args) throws Exception {
        Class<?> c;
        try {
            c = Class.forName(className);
        } catch (ClassNotFoundException e) {
            System.err.println(className + " is not in this build of jkeras-bench.");
            System.exit(2);
            return;
        }
        Method main = c.getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw (Error) cause;
        }
    }
}
