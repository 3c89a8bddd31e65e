package org.jkeras.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class WorkspaceTest {
    @Test
    void arraysAreReusedOnlyAfterExit() {
        Workspace ws = new Workspace();
        ws.enter();
        float[] a = Workspace.floats(100);
        float[] b = Workspace.floats(100);
        assertNotSame(a, b, "two live temporaries never share storage");
        ws.exit();
        ws.enter();
        float[] c = Workspace.floats(100);
        assertSame(b, c, "freed arrays serve the next step");
        a[0] = 5;
        float[] z = Workspace.zeros(100);
        assertArrayEquals(new float[100], z, "zeros() clears a recycled array");
        ws.exit();
    }

    @Test
    void outsideAWorkspaceEveryCallAllocates() {
        float[] a = Workspace.floats(10);
        float[] b = Workspace.floats(10);
        assertNotSame(a, b);
        Workspace ws = new Workspace();
        ws.enter();
        ws.exit();
        assertNotSame(Workspace.floats(10), Workspace.floats(10));
    }
}
