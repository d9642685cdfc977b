package io.shadowscale.scaler.controller;

/** The answer to an operator's manual control: accepted (with what happens next) or refused (why). */
public record OperatorResult(boolean accepted, String message) {
    public static OperatorResult accepted(String message) {
        return new OperatorResult(true, message);
    }

    public static OperatorResult refused(String message) {
        return new OperatorResult(false, message);
    }
}
