// The generator version stamped into every manifest; CI may add the template version.
import pkg from '../../package.json' with { type: 'json' };

export const GENERATOR_VERSION: string = pkg.version;
