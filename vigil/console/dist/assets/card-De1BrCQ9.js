import{$ as e,Z as t,dt as n,et as r,j as i,pt as a,st as o,z as s}from"./index-B_E433ba.js";var c=s.extend({name:`card`,style:`
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
`,classes:{root:`p-card p-component`,header:`p-card-header`,body:`p-card-body`,caption:`p-card-caption`,title:`p-card-title`,subtitle:`p-card-subtitle`,content:`p-card-content`,footer:`p-card-footer`}}),l={name:`Card`,extends:{name:`BaseCard`,extends:i,style:c,provide:function(){return{$pcCard:this,$parentInstance:this}}},inheritAttrs:!1};l.render=function(i,s,c,l,u,d){return n(),r(`div`,o({class:i.cx(`root`)},i.ptmi(`root`)),[i.$slots.header?(n(),r(`div`,o({key:0,class:i.cx(`header`)},i.ptm(`header`)),[a(i.$slots,`header`)],16)):e(``,!0),t(`div`,o({class:i.cx(`body`)},i.ptm(`body`)),[i.$slots.title||i.$slots.subtitle?(n(),r(`div`,o({key:0,class:i.cx(`caption`)},i.ptm(`caption`)),[i.$slots.title?(n(),r(`div`,o({key:0,class:i.cx(`title`)},i.ptm(`title`)),[a(i.$slots,`title`)],16)):e(``,!0),i.$slots.subtitle?(n(),r(`div`,o({key:1,class:i.cx(`subtitle`)},i.ptm(`subtitle`)),[a(i.$slots,`subtitle`)],16)):e(``,!0)],16)):e(``,!0),t(`div`,o({class:i.cx(`content`)},i.ptm(`content`)),[a(i.$slots,`content`)],16),i.$slots.footer?(n(),r(`div`,o({key:1,class:i.cx(`footer`)},i.ptm(`footer`)),[a(i.$slots,`footer`)],16)):e(``,!0)],16)],16)};export{l as t};