// Both nodes' icon, light and dark; the paths are relative to the built node files in dist/nodes/HeroHealth/.
export const heroHealthIcon = {
	light: 'file:../../icons/hero-health.svg',
	dark: 'file:../../icons/hero-health.dark.svg',
} as const;
