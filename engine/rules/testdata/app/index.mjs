export const handler = async (event) => {
  return eval(event.body);
};
