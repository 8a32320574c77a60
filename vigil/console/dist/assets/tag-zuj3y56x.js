import{$ as e,Ot as t,Q as n,Z as r,cn as i,dt as a,et as o,gt as s,j as c,pt as l,st as u,z as d}from"./index-B_E433ba.js";var f=d.extend({name:`tag`,style:`
    .p-tag {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        background: dt('tag.primary.background');
        color: dt('tag.primary.color');
        font-size: dt('tag.font.size');
        font-weight: dt('tag.font.weight');
        padding: dt('tag.padding');
        border-radius: dt('tag.border.radius');
        gap: dt('tag.gap');
    }

    .p-tag-icon {
        font-size: dt('tag.icon.size');
        width: dt('tag.icon.size');
        height: dt('tag.icon.size');
    }

    .p-tag-rounded {
        border-radius: dt('tag.rounded.border.radius');
    }

    .p-tag-success {
        background: dt('tag.success.background');
        color: dt('tag.success.color');
    }

    .p-tag-info {
        background: dt('tag.info.background');
        color: dt('tag.info.color');
    }

    .p-tag-warn {
        background: dt('tag.warn.background');
        color: dt('tag.warn.color');
    }

    .p-tag-danger {
        background: dt('tag.danger.background');
        color: dt('tag.danger.color');
    }

    .p-tag-secondary {
        background: dt('tag.secondary.background');
        color: dt('tag.secondary.color');
    }

    .p-tag-contrast {
        background: dt('tag.contrast.background');
        color: dt('tag.contrast.color');
    }
`,classes:{root:function(e){var t=e.props;return[`p-tag p-component`,{"p-tag-info":t.severity===`info`,"p-tag-success":t.severity===`success`,"p-tag-warn":t.severity===`warn`,"p-tag-danger":t.severity===`danger`,"p-tag-secondary":t.severity===`secondary`,"p-tag-contrast":t.severity===`contrast`,"p-tag-rounded":t.rounded}]},icon:`p-tag-icon`,label:`p-tag-label`}}),p={name:`BaseTag`,extends:c,props:{value:null,severity:null,rounded:Boolean,icon:String},style:f,provide:function(){return{$pcTag:this,$parentInstance:this}}};function m(e){"@babel/helpers - typeof";return m=typeof Symbol==`function`&&typeof Symbol.iterator==`symbol`?function(e){return typeof e}:function(e){return e&&typeof Symbol==`function`&&e.constructor===Symbol&&e!==Symbol.prototype?`symbol`:typeof e},m(e)}function h(e,t,n){return(t=g(t))in e?Object.defineProperty(e,t,{value:n,enumerable:!0,configurable:!0,writable:!0}):e[t]=n,e}function g(e){var t=_(e,`string`);return m(t)==`symbol`?t:t+``}function _(e,t){if(m(e)!=`object`||!e)return e;var n=e[Symbol.toPrimitive];if(n!==void 0){var r=n.call(e,t);if(m(r)!=`object`)return r;throw TypeError(`@@toPrimitive must return a primitive value.`)}return(t===`string`?String:Number)(e)}var v={name:`Tag`,extends:p,inheritAttrs:!1,computed:{dataP:function(){return i(h({rounded:this.rounded},this.severity,this.severity))}}},y=[`data-p`];v.render=function(i,c,d,f,p,m){return a(),o(`span`,u({class:i.cx(`root`),"data-p":m.dataP},i.ptmi(`root`)),[i.$slots.icon?(a(),n(s(i.$slots.icon),u({key:0,class:i.cx(`icon`)},i.ptm(`icon`)),null,16,[`class`])):i.icon?(a(),o(`span`,u({key:1,class:[i.cx(`icon`),i.icon]},i.ptm(`icon`)),null,16)):e(``,!0),i.value!=null||i.$slots.default?l(i.$slots,`default`,{key:2},function(){return[r(`span`,u({class:i.cx(`label`)},i.ptm(`label`)),t(i.value),17)]}):e(``,!0)],16,y)};export{v as t};