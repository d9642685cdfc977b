/**
 * The in-process worker fleet of the bench and the end-to-end tests: what Kubernetes and KEDA do
 * for a pair, in one JVM.
 *
 * <pre>
 *   PairController (SlotTargets) --watch + target() every 200 ms--> TargetFollower
 *   TargetFollower --scaleTo(replicas) per slot--> PairFleet { blue: SlotFleet, green: SlotFleet }
 *   SlotFleet --WorkerLauncher.inProcess(processors, clock)--> real Workers "&lt;pair&gt;-&lt;slot&gt;-&lt;k&gt;"
 * </pre>
 *
 * {@link io.shadowscale.testkit.fleet.WorkerTemplate} builds the shared worker environment;
 * {@link io.shadowscale.testkit.fleet.SlotFleet} adds pair, slot and worker id, starts new workers
 * and stops the newest first with a graceful close.
 */
package io.shadowscale.testkit.fleet;
