const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path or form value can be a row id; anything else is answered as missing before it reaches SQL. */
export const isUuid = (value: string) => UUID.test(value);
