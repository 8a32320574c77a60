import{J as e,K as t,P as n,T as r,Y as i,ct as a,nt as o,ot as s}from"./index-sxPZiDkZ.js";var c=n.extend({name:`card`,style:`
    .p-card {
        background: dt('card.background');
        color: dt('card.color');
        box-shadow: dt('card.shadow');
        border-radius: dt('card.border.radius');
        display: flex;
        flex-direction: column;
    }

    .p-card-caption {
        display: flex;
        flex-direction: column;
        gap: dt('card.caption.gap');
    }

    .p-card-body {
        padding: dt('card.body.padding');
        display: flex;
        flex-direction: column;
        gap: dt('card.body.gap');
    }

    .p-card-title {
        font-size: dt('card.title.font.size');
        font-weight: dt('card.title.font.weight');
    }

    .p-card-subtitle {
        color: dt('card.subtitle.color');
    }
`,classes:{root:`p-card p-component`,header:`p-card-header`,body:`p-card-body`,caption:`p-card-caption`,title:`p-card-title`,subtitle:`p-card-subtitle`,content:`p-card-content`,footer:`p-card-footer`}}),l={name:`Card`,extends:{name:`BaseCard`,extends:r,style:c,provide:function(){return{$pcCard:this,$parentInstance:this}}},inheritAttrs:!1};l.render=function(n,r,c,l,u,d){return s(),i(`div`,o({class:n.cx(`root`)},n.ptmi(`root`)),[n.$slots.header?(s(),i(`div`,o({key:0,class:n.cx(`header`)},n.ptm(`header`)),[a(n.$slots,`header`)],16)):e(``,!0),t(`div`,o({class:n.cx(`body`)},n.ptm(`body`)),[n.$slots.title||n.$slots.subtitle?(s(),i(`div`,o({key:0,class:n.cx(`caption`)},n.ptm(`caption`)),[n.$slots.title?(s(),i(`div`,o({key:0,class:n.cx(`title`)},n.ptm(`title`)),[a(n.$slots,`title`)],16)):e(``,!0),n.$slots.subtitle?(s(),i(`div`,o({key:1,class:n.cx(`subtitle`)},n.ptm(`subtitle`)),[a(n.$slots,`subtitle`)],16)):e(``,!0)],16)):e(``,!0),t(`div`,o({class:n.cx(`content`)},n.ptm(`content`)),[a(n.$slots,`content`)],16),n.$slots.footer?(s(),i(`div`,o({key:1,class:n.cx(`footer`)},n.ptm(`footer`)),[a(n.$slots,`footer`)],16)):e(``,!0)],16)],16)};export{l as t};