import { definePreset } from '@primeuix/themes'
import Aura from '@primeuix/themes/aura'

// Aura with darker shades wherever its defaults fall under WCAG AA contrast (4.5:1) for
// text: primary, success and danger buttons, text buttons, muted text, tags, messages, the
// status selector. Tokens only: the components keep their own styles.
const lightText = {
  success: { color: '{green.800}' },
  info: { color: '{sky.800}' },
  warn: { color: '{orange.800}' },
  danger: { color: '{red.800}' },
}

export const VigilPreset = definePreset(Aura, {
  semantic: {
    colorScheme: {
      light: {
        primary: {
          color: '{primary.700}',
          contrastColor: '#ffffff',
          hoverColor: '{primary.800}',
          activeColor: '{primary.900}',
        },
        highlight: {
          background: '{primary.50}',
          focusBackground: '{primary.100}',
          color: '{primary.800}',
          focusColor: '{primary.900}',
        },
        text: { mutedColor: '{surface.600}' },
      },
      dark: {
        text: { mutedColor: '{surface.300}' },
      },
    },
  },
  components: {
    button: {
      colorScheme: {
        light: {
          root: {
            danger: {
              background: '{red.700}',
              hoverBackground: '{red.800}',
              activeBackground: '{red.900}',
              borderColor: '{red.700}',
              hoverBorderColor: '{red.800}',
              activeBorderColor: '{red.900}',
              color: '#ffffff',
              hoverColor: '#ffffff',
              activeColor: '#ffffff',
            },
            success: {
              background: '{green.700}',
              hoverBackground: '{green.800}',
              activeBackground: '{green.900}',
              borderColor: '{green.700}',
              hoverBorderColor: '{green.800}',
              activeBorderColor: '{green.900}',
              color: '#ffffff',
              hoverColor: '#ffffff',
              activeColor: '#ffffff',
            },
            secondary: { color: '{surface.700}', hoverColor: '{surface.800}', activeColor: '{surface.900}' },
          },
          text: {
            success: { color: '{green.800}' },
            danger: { color: '{red.700}' },
            secondary: { color: '{surface.600}' },
          },
          outlined: {
            secondary: { color: '{surface.700}' },
          },
        },
      },
    },
    tag: {
      colorScheme: {
        light: {
          ...lightText,
          secondary: { color: '{surface.700}' },
        },
      },
    },
    message: {
      colorScheme: {
        light: {
          success: { color: '{green.800}' },
          info: { color: '{blue.800}' },
          warn: { color: '{yellow.800}' },
          error: { color: '{red.800}' },
        },
        dark: {
          success: { color: '{green.300}' },
          info: { color: '{blue.300}' },
          warn: { color: '{yellow.300}' },
          error: { color: '{red.300}' },
        },
      },
    },
    togglebutton: {
      colorScheme: {
        light: { root: { color: '{surface.700}', hoverColor: '{surface.800}' } },
      },
    },
  },
})
