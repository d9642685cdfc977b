/**
 * {@code bench scaler-load}: one real scaler (controller, Kafka Admin, gRPC over loopback netty)
 * serving many pairs at KEDA's polling cadence, measured: RPC latency per call, errors by status,
 * the scaler's Kafka Admin calls (counted through a decorator), heap after GC, CPU by thread group
 * and the controller thread's busy time. {@link io.shadowscale.bench.scalerload.ScalerLoadCommand}
 * is the entry point; {@code docs/benchmarks/scaler-load.md} has the method and figures.
 */
package io.shadowscale.bench.scalerload;
