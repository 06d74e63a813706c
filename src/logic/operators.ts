/**
 * The JSON Logic operators a rule set may use. The schema (common.schema.json#/$defs/logicOperator)
 * lists the same names; a test keeps the two in step.
 */
export const LOGIC_OPERATORS = [
  "var",
  "missing",
  "==",
  "!=",
  "===",
  "!==",
  "!",
  "!!",
  "and",
  "or",
  "if",
  "<",
  "<=",
  ">",
  ">=",
  "in",
] as const;

export type LogicOperator = (typeof LOGIC_OPERATORS)[number];
