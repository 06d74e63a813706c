// ratecard/no-float-money: money and usage never pass through a JavaScript float.
// Flags parseFloat(), Math.round/floor/ceil(), Number(...) and `.toFixed()` on a value typed
// `number`; Decimal's own toFixed (exact) is allowed. A deliberate use on a count that is not
// money (a day number, a whole quantity) says so with an eslint-disable comment and a reason.
import { ESLintUtils } from "@typescript-eslint/utils";

const createRule = ESLintUtils.RuleCreator(
  (name) => `https://github.com/ratecard/ratecard/blob/main/lint-rules/${name}.js`,
);

export default createRule({
  name: "no-float-money",
  meta: {
    type: "problem",
    docs: { description: "Amounts and usage stay Decimal: no float parsing, float rounding or number toFixed." },
    messages: {
      floatCall: "{{call}} turns a value into a float; read it with readDecimal() or keep it a Decimal.",
      numberToFixed: "toFixed() on a number rounds a float; format a Decimal instead.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type === "Identifier" && (callee.name === "parseFloat" || callee.name === "Number")) {
          context.report({ node, messageId: "floatCall", data: { call: `${callee.name}()` } });
        }
        if (
          callee.type === "MemberExpression" &&
          callee.object.type === "Identifier" &&
          callee.object.name === "Math" &&
          callee.property.type === "Identifier" &&
          ["round", "floor", "ceil"].includes(callee.property.name)
        ) {
          context.report({ node, messageId: "floatCall", data: { call: `Math.${callee.property.name}()` } });
        }
        if (
          callee.type === "MemberExpression" &&
          callee.property.type === "Identifier" &&
          callee.property.name === "toFixed"
        ) {
          const type = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(callee.object));
          if (type.flags & 296 /* NumberLike */) context.report({ node, messageId: "numberToFixed" });
        }
      },
    };
  },
});
