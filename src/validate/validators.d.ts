import type { ValidateFunction } from "ajv";

// Declarations of the validators scripts/build-validators.mjs generates from schemas/.
export declare const ruleset: ValidateFunction;
export declare const mode: ValidateFunction;
export declare const usage: ValidateFunction;
export declare const quote: ValidateFunction;
